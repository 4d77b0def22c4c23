/**
 * Runs tasks one after another, in the order they were given. The indexer's writes read a stored
 * document, merge one change into it and write it back: two at once would lose one of the changes.
 */
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
