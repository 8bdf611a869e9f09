import type { Channel } from '../store/message.js';

/**
 * Status names of `Models/Status/ProcessingLifecycleExt.cs` (contract §7.3) and which of them end a
 * notification. A final status completes the order and writes its status-feed entry.
 */
export const initialStatus: Record<Channel, string> = { sms: 'SMS_Sending', email: 'Email_Sending' };

const nonFinal = new Set(['SMS_New', 'SMS_Sending', 'SMS_Accepted', 'Email_New', 'Email_Sending', 'Email_Succeeded']);

export function isFinalStatus(status: string): boolean {
  return !nonFinal.has(status) && /^(SMS|Email)_/.test(status);
}

export const orderProcessed = 'Order_Processed';
export const orderCompleted = 'Order_Completed';
