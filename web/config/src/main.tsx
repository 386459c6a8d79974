import { startApp } from '@kpi/web-ui/app';
import { ConfigApp } from './ConfigApp';

startApp('Config', () => <ConfigApp />);
