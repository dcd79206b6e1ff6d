// The documents Parley signs, as they are signed: the server builds them, the web shows them and
// checks them offline, and anyone may read them in an exported file. A signature covers the
// document's every field, so these shapes change only with a new format name.

/** A person on a stage's manifest: the GC III Art. 17 minimum, and the category they travel under. */
export interface ManifestPerson {
  readonly recordId: string;
  readonly from: string;
  readonly to: string;
  readonly surname: string | null;
  readonly givenName: string | null;
  readonly patronymic: string | null;
  readonly rank: string | null;
  readonly dateOfBirth: string | null;
  readonly serviceNumber: string | null;
  readonly category: string;
}

/**
 * A stage's manifest ("parley-manifest/1"): who is handed over, by whom, to whom, where and when.
 * Frozen when the stage is approved; a correction is a new manifest that names the one it replaces.
 */
export interface StageManifest {
  readonly format: 'parley-manifest/1';
  readonly mechanism: { readonly id: string; readonly name: string };
  readonly agreement: { readonly id: string; readonly versionId: string; readonly name: string };
  readonly stage: {
    readonly id: string;
    readonly number: number;
    readonly place: string;
    readonly date: string;
  };
  /** The hash of the manifest this one corrects, if any. */
  readonly supersedes: string | null;
  readonly persons: readonly ManifestPerson[];
  /** Persons per direction and category, as the parties check them at the border. */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** A person's handover receipt ("parley-receipt/1"): who was handed over, when and where. */
export interface ReceiptDocument {
  readonly format: 'parley-receipt/1';
  readonly mechanism: { readonly id: string; readonly name: string };
  readonly stage: {
    readonly id: string;
    readonly number: number;
    readonly place: string;
    readonly date: string;
  };
  /** The hash of the stage's manifest the person was on. */
  readonly manifest: string | null;
  readonly person: {
    readonly recordId: string;
    readonly from: string;
    readonly to: string;
    readonly surname: string | null;
    readonly givenName: string | null;
    readonly dateOfBirth: string | null;
  };
  readonly handedOverAt: string;
  readonly handoverPlace: string;
}

/** A stage's receipts in one document ("parley-receipt-batch/1"), signed once by each signer. */
export interface ReceiptBatchDocument {
  readonly format: 'parley-receipt-batch/1';
  readonly mechanism: { readonly id: string; readonly name: string };
  readonly stage: {
    readonly id: string;
    readonly number: number;
    readonly place: string;
    readonly date: string;
  };
  /** Each receipt of the stage by its record, direction and hash, in record order. */
  readonly receipts: ReadonlyArray<{
    readonly recordId: string;
    readonly from: string;
    readonly to: string;
    readonly hash: string;
  }>;
}
