/** A live service instance that can own partitions. */
export interface InstanceInfo {
  /** Unique per running process (e.g. `inventory-<host>-<pid>`); the assignment is a function of these ids. */
  readonly id: string;
  /** Base URL where the instance answers, e.g. `http://10.0.0.7:3004`. */
  readonly url: string;
  /** The service it belongs to, e.g. `inventory`. */
  readonly service: string;
}
