/** Who is calling: the API key that was presented and the org it belongs to, which scopes every call. */
export interface Principal {
  orgId: string;
  apiKeyId: string;
  /** Public prefix of the key (`wf_ab12cd34`), safe to log. */
  keyPrefix: string;
}
