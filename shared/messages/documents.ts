/** Event documents: riders, stage plots, cable plans (docs/documents.md). */
import { defineTexts, defineTemplates } from './define.ts';

const reasons: Record<string, { fr: string; en: string }> = {
  missing: { fr: "aucun fichier n'a été déposé", en: 'no file was uploaded' },
  size_mismatch: { fr: 'la taille du fichier ne correspond pas à celle annoncée', en: 'the file size differs from the size announced' },
  too_large: { fr: 'le fichier dépasse 50 Mo', en: 'the file is larger than 50 MB' },
  type_mismatch: { fr: 'le contenu du fichier ne correspond pas au type annoncé', en: 'the file content does not match the type announced' },
  unrecognised: { fr: "le contenu n'est ni un PDF, ni un SVG, ni un PNG, ni un JPEG", en: 'the content is not a PDF, SVG, PNG or JPEG' },
};

export const documentTexts = /* @__PURE__ */ defineTexts(() => ({
  'NOT_FOUND.document': { fr: 'Document introuvable', en: 'Document not found' },
  'INSUFFICIENT_ROLE.documents': {
    fr: 'Seuls les régisseurs et les administrateurs déposent, remplacent ou suppriment des documents',
    en: 'Only stage managers and admins upload, replace or delete documents',
  },
  DOCUMENT_NOT_UPLOADED: {
    fr: "Le fichier n'a pas encore été déposé à l'URL d'envoi",
    en: 'The file has not been uploaded to the upload URL yet',
  },
  NO_PENDING_UPLOAD: { fr: 'Aucun envoi en attente pour ce document', en: 'No upload is pending for this document' },
  'CONCURRENT_UPDATE.document': { fr: 'Le document a été modifié en même temps ; réessayez', en: 'The document was changed concurrently; retry' },
  'NOT_FOUND.calendar_feed': { fr: 'Flux de calendrier introuvable ou révoqué', en: 'Calendar feed not found or revoked' },
  'VALIDATION_ERROR.document_reference': {
    fr: 'Ce document n’existe pas, ou pas pour cet événement',
    en: 'No such document for this event',
  },
  'VALIDATION_ERROR.file_name': {
    fr: 'Un nom de fichier sans chemin, sans caractère de contrôle ni espace en début ou en fin',
    en: 'A file name without path, control characters or surrounding spaces',
  },
}));

export const documentTemplates = defineTemplates({
  DOCUMENT_REJECTED: ({ reason }: { reason: string }) => ({
    fr: `Document refusé : ${reasons[reason]?.fr ?? reason} ; le fichier a été supprimé`,
    en: `Document rejected: ${reasons[reason]?.en ?? reason}; the file was deleted`,
  }),
});
