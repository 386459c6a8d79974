/** The minute sweep: due deployments → late/down/paused, heartbeat-missing alerts, reminders. */
import { app } from '@azure/functions';
import { invocationLogger } from '@kpi/shared/platform/log';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { sweep } from './sweep';

app.timer('deployments-sweep', {
  // NCRONTAB (seconds first): at second 0 of every minute.
  schedule: '0 * * * * *',
  handler: async (_timer, context) => {
    const log = invocationLogger(context, APP);
    const result = await sweep(await dependencies(), new Date(), log);
    log.info('sweep done', { ...result });
  },
});
