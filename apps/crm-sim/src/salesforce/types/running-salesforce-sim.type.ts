import type { RunningSim } from '../../common/types/running-sim.type';
import type { SalesforceSimState } from '../services/salesforce-sim.state';

export type RunningSalesforceSim = RunningSim<SalesforceSimState>;
