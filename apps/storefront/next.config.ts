import { platformNextConfig } from '@shop/web-session/next-config';

export default platformNextConfig(import.meta.dirname);
