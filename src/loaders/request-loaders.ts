import type DataLoader from 'dataloader';
import type { ReadOptions, UpstreamReader } from '../cache/upstream-reader.js';
import type { CallParams, ListAction, UpstreamAction } from '../upstream/action.js';
import type { Page } from '../upstream/json.js';
import { createActionLoader } from './action-loader.js';
import { ReadBudget } from './budget.js';

export interface RequestLoadersOptions {
  /** Distinct upstream reads this request may make, whatever the mix of fields. */
  maxReads: number;
  /** The request's abort signal (deadline, client gone), logger, listeners and cache choice. */
  call: ReadOptions;
  /** Told the size of every dispatched batch (metrics). */
  onBatch?: (size: number) => void;
}

/**
 * A request's loaders: one per action, created on first use, all drawing on one budget of
 * upstream reads. Never shared between requests.
 */
export class RequestLoaders {
  private readonly loaders = new Map<UpstreamAction<unknown>, DataLoader<CallParams, unknown, string>>();
  private readonly budget: ReadBudget;

  constructor(
    private readonly reader: UpstreamReader,
    private readonly options: RequestLoadersOptions,
  ) {
    this.budget = new ReadBudget(options.maxReads);
  }

  /** The request's loader of `action`. */
  of<Result>(action: UpstreamAction<Result>): DataLoader<CallParams, Result, string> {
    let loader = this.loaders.get(action);
    if (!loader) {
      loader = createActionLoader<Result>(this.reader, action, {
        budget: this.budget,
        call: this.options.call,
        ...(this.options.onBatch && { onBatch: this.options.onBatch }),
      }) as DataLoader<CallParams, unknown, string>;
      this.loaders.set(action, loader);
    }
    // Each loader in the map was created for the action it is stored under.
    return loader as DataLoader<CallParams, Result, string>;
  }

  load<Result>(action: UpstreamAction<Result>, params: CallParams): Promise<Result> {
    return this.of(action).load(params);
  }

  /**
   * Loads one page of a List action and primes the loader of its items' kind with every record
   * of it, so that nested fields of listed records never read them again in this request (the
   * reader keeps them in the shared cache for later requests when it fetches the page).
   */
  async loadPage<Item>(action: ListAction<Item>, params: CallParams): Promise<Page<Item>> {
    const page = await this.load(action, params);
    const { items } = action;
    const loader = this.of(items.get);
    for (const item of page.items) loader.prime(items.params(item), item);
    return page;
  }
}
