/** A bad request to the sim's own admin API (`/__sim/...`): answered 400 `{ error, message }`. */
export class SimAdminException extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
