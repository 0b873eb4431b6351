/** A sim listening on loopback (or the host given), as returned by startHubSpotSim/startSalesforceSim. */
export interface RunningSim<State> {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:40123. */
  url: string;
  port: number;
  state: State;
  close(): Promise<void>;
}
