import { DEFAULT_CONFIDENCE_THRESHOLD } from '../assistant/embedded/confidence';

export interface BusinessHours {
  /** 0 = Sunday … 6 = Saturday, with 'HH:MM' local times; a day absent is closed. */
  days: { day: number; open: string; close: string }[];
}

/** Everything a company tunes about its bot and its team; stored as JSON on the company row. */
export interface CompanySettings {
  assistantName: string;
  greeting: string;
  confidenceThreshold: number;
  escalationKeywords: string[];
  timeZone: string;
  maxChatsPerAgent: number;
  gracePeriodSeconds: number;
  businessHours: BusinessHours | null;
  offlineMessage: string;
  /** When nobody can take an unsure reply, may the draft go out with a disclaimer? */
  sendUnsureDraftWhenOffline: boolean;
}

export function defaultCompanySettings(overrides: Partial<CompanySettings> = {}): CompanySettings {
  return {
    assistantName: 'Switchboard Assistant',
    greeting: 'Hi! Ask me anything, or ask for a person at any time.',
    confidenceThreshold: DEFAULT_CONFIDENCE_THRESHOLD,
    escalationKeywords: ['refund', 'cancel my account', 'lawyer', 'complaint'],
    timeZone: 'UTC',
    maxChatsPerAgent: 5,
    gracePeriodSeconds: 30,
    businessHours: null,
    offlineMessage: 'Our team is offline right now. Leave your email and we will get back to you.',
    sendUnsureDraftWhenOffline: false,
    ...overrides,
  };
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
