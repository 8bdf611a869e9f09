import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../../emulator/events.js';

describe('the event bus', () => {
  it('keeps a throwing listener from failing the emit or silencing the listeners after it', () => {
    const errors: unknown[] = [];
    const bus = createEventBus({ onListenerError: (error) => errors.push(error) });
    const heard: number[] = [];
    bus.subscribe(() => {
      throw new Error('listener bug');
    });
    bus.subscribe((event) => heard.push(event.cursor));
    expect(() => bus.emit('messages.deleted', { ids: ['a'] }, 7)).not.toThrow();
    expect(heard).toEqual([7]);
    expect(errors).toEqual([new Error('listener bug')]);
  });

  it('lets a listener unsubscribe while it is called, and stops calling it', () => {
    const bus = createEventBus();
    const heard: string[] = [];
    const off = bus.subscribe(() => {
      heard.push('first');
      off();
    });
    bus.subscribe(() => heard.push('second'));
    bus.emit('messages.deleted', { ids: [] }, 1);
    bus.emit('messages.deleted', { ids: [] }, 2);
    expect(heard).toEqual(['first', 'second', 'second']);
  });
});
