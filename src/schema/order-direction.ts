import { builder } from './builder.js';

export const MmsOrderDirection = builder.enumType('MmsOrderDirection', {
  description: 'Sort direction.',
  values: {
    ASC: { value: 'asc', description: 'Smallest (or earliest) first.' },
    DESC: { value: 'desc', description: 'Largest (or latest) first.' },
  } as const,
});
