import type { RunningSim } from '../../common/types/running-sim.type';
import type { HubSpotSimState } from '../services/hubspot-sim.state';

export type RunningHubSpotSim = RunningSim<HubSpotSimState>;
