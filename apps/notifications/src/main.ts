import 'reflect-metadata';
import { loadConfig, runService } from '@shop/service-kit';
import { NotificationsEnv, notificationsConfigFrom } from './config.js';
import { startNotifications } from './notifications-app.js';

await runService('notifications', () => startNotifications(notificationsConfigFrom(loadConfig(NotificationsEnv))));
