// Typed clients of the customer-care platform's HTTP APIs: the path and schema types are
// generated from docs/openapi/*.json (`make clients`); openapi-fetch makes the calls.
import createClient, { type Client } from "openapi-fetch";
import type { paths as FeedbackPaths } from "./feedback.js";
import type { paths as NotificationPaths } from "./notification.js";
import type { paths as PlaybookPaths } from "./playbook.js";
import type { paths as SegmentationPaths } from "./segmentation.js";
import type { paths as SurveyPaths } from "./survey.js";

export type { FeedbackPaths, NotificationPaths, PlaybookPaths, SegmentationPaths, SurveyPaths };
export type { components as FeedbackComponents } from "./feedback.js";
export type { components as SegmentationComponents } from "./segmentation.js";

export interface Connection {
  /** e.g. http://127.0.0.1:8003 */
  baseUrl: string;
  /** A bearer JWT (claims sub, roles, exp). */
  token: string;
}

function connect<Paths extends {}>(connection: Connection): Client<Paths> {
  return createClient<Paths>({
    baseUrl: connection.baseUrl,
    headers: { Authorization: `Bearer ${connection.token}` },
  });
}

export const segmentationClient = (c: Connection) => connect<SegmentationPaths>(c);
export const surveyClient = (c: Connection) => connect<SurveyPaths>(c);
export const feedbackClient = (c: Connection) => connect<FeedbackPaths>(c);
export const playbookClient = (c: Connection) => connect<PlaybookPaths>(c);
export const notificationClient = (c: Connection) => connect<NotificationPaths>(c);

/** The media type of a JSON Merge Patch (RFC 7396) body. */
export const MERGE_PATCH = "application/merge-patch+json";
