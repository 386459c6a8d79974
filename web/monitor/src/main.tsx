import { startApp } from '@kpi/web-ui/app';
import { MonitorApp } from './MonitorApp';

startApp('Monitor', () => <MonitorApp />);
