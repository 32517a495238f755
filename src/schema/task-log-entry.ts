import type { TaskLogEntry } from '../upstream/actions/task.js';
import { builder } from './builder.js';
import { MmsTaskStatus } from './task-status.js';

export const MmsTaskLogEntry = builder.objectRef<TaskLogEntry>('MmsTaskLogEntry').implement({
  description: 'One entry of a task’s execution log (ListMmsTaskLogs).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Log entry ID.' }),
    status: t.expose('status', {
      type: MmsTaskStatus,
      nullable: true,
      description: "The task's status when the entry was written; null for a status this gateway does not know yet.",
    }),
    action: t.exposeString('action', { nullable: true, description: 'What the task did, often the SQL it ran.' }),
    message: t.exposeString('message', { nullable: true, description: 'The outcome of that step (`ok`, or what went wrong).' }),
    createTime: t.exposeString('createTime', { nullable: true, description: 'When the entry was written.' }),
  }),
});
