/**
 * Coalesces items submitted during one event-loop turn into one frame: the first item schedules
 * a flush for the end of the turn (setImmediate, after the I/O callbacks that delivered the
 * other requests), and a frame that reaches `maxItems` leaves at once. No timer: a lone request
 * leaves in a frame of one without waiting. Several frames may be in flight.
 *
 * `send` answers a frame with one outcome per item, in order; if it rejects or answers the wrong
 * number of outcomes, every item of the frame gets `failed(error)`: each submit always settles.
 */
export class FrameCoalescer<I, O> {
  private pending: { item: I; resolve: (outcome: O) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly send: (items: readonly I[]) => Promise<readonly O[]>,
    private readonly failed: (error: unknown) => O,
    private readonly maxItems: number,
  ) {
    if (!(maxItems >= 1)) throw new Error('a frame holds at least one item');
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve) => {
      this.pending.push({ item, resolve });
      if (this.pending.length >= this.maxItems) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.endOfTurn);
      }
    });
  }

  private readonly endOfTurn = (): void => {
    this.scheduled = false;
    if (this.pending.length > 0) this.flush();
  };

  private flush(): void {
    const frame = this.pending;
    this.pending = [];
    void this.deliver(frame);
  }

  private async deliver(frame: { item: I; resolve: (outcome: O) => void }[]): Promise<void> {
    let outcomes: readonly O[];
    try {
      outcomes = await this.send(frame.map((entry) => entry.item));
      if (outcomes.length !== frame.length) throw new Error(`a frame of ${frame.length} items got ${outcomes.length} answers`);
    } catch (error) {
      const outcome = this.failed(error);
      outcomes = frame.map(() => outcome);
    }
    for (let i = 0; i < frame.length; i++) frame[i]!.resolve(outcomes[i]!);
  }
}
