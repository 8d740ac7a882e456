import { checkFilterKeys } from '../query.js';
import { type Handler, ok } from './context.js';

/** GET /account/details: whose token this is (the simulator has one user, the owner of its token). */
export const showAccount: Handler = (context) => {
  checkFilterKeys(context.query, []);
  return ok({
    data: {
      id: 'user-SimulatorUser01',
      type: 'users',
      attributes: { username: 'simulator-user', email: 'simulator@example.com', 'is-service-account': false },
    },
  });
};
