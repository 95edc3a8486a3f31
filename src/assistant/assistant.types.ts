/** What the assistant sees of one knowledge item: a curated entry or a chunk of an imported document. */
export interface KnowledgeDoc {
  /** Stable id, unique within the company: `entry:<uuid>` or `chunk:<uuid>`. */
  id: string;
  /** The question (entries) or the document title / heading (chunks). */
  title: string;
  /** The answer (entries) or the passage text (chunks). */
  text: string;
  category?: string | null;
}

export interface RetrievedPassage {
  doc: KnowledgeDoc;
  /** Raw ranking score (BM25-class); only comparable within one query. */
  score: number;
}

/** Reads the company's knowledge: the embedded index implements it; the OpenAI answerer uses it. */
export interface KnowledgeRetriever {
  search(companyId: string, query: string, limit: number): RetrievedPassage[];
}

export type AssistantIntent =
  | 'greeting'
  | 'thanks'
  | 'goodbye'
  | 'human_request'
  | 'question'
  | 'unknown';

export interface AssistantSource {
  id: string;
  title: string;
  /** 0..1 relevance of this source to the question. */
  score: number;
}

export interface AssistantReply {
  text: string;
  /** 0..1; compared with the company's confidence threshold by the escalation policy. */
  confidence: number;
  sources: AssistantSource[];
  intent: AssistantIntent;
  /** Which implementation produced the reply. */
  provider: 'embedded' | 'openai';
  /** Set when the preferred provider failed and this reply comes from the fallback. */
  fallbackReason?: string;
  usage?: { promptTokens: number; completionTokens: number; totalTokens: number };
}

export interface AssistantRequest {
  companyId: string;
  text: string;
  /** Recent turns, oldest first, for providers that use context. */
  history?: { role: 'customer' | 'assistant' | 'agent'; text: string }[];
  assistantName?: string;
  /** The company's active system prompt, if any (OpenAI answerer). */
  systemPrompt?: string | null;
}

/** One interface, two implementations (embedded retrieval, OpenAI); the chat never knows which. */
export interface Assistant {
  answer(request: AssistantRequest): Promise<AssistantReply>;
}

/** Thrown when no provider can answer at all: the policy escalates with `ai_unavailable`. */
export class AssistantUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'AssistantUnavailableError';
  }
}
