import { loadConfig } from '@webbyflow/common';
import { runMain } from '@webbyflow/runtime';
import { startGateway } from './gateway';
import { gatewayConfigSchema } from './gateway.config';

runMain(() => startGateway(loadConfig(gatewayConfigSchema)));
