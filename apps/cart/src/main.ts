import 'reflect-metadata';
import { loadConfig, runService } from '@shop/service-kit';
import { CartEnv, cartConfigFrom } from './config.js';
import { startCart } from './cart-app.js';

await runService('cart', () => startCart(cartConfigFrom(loadConfig(CartEnv))));
