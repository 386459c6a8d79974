import { startApp } from '@kpi/web-ui/app';
import { ClientApp } from './ClientApp';

startApp('Client', (config) => <ClientApp config={config} />);
