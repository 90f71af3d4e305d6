/** Webhook endpoints and their deliveries (docs/webhooks.md). */
import { defineTexts, defineTemplates } from './define.ts';

const urlReasons: Record<string, { fr: string; en: string }> = {
  invalid_url: { fr: 'URL invalide', en: 'invalid URL' },
  query_or_fragment: { fr: 'ni paramètres ni fragment : le chemin de la famille y est ajouté', en: 'no query or fragment: the family path is appended to it' },
  not_https: { fr: 'seules les URL https sont acceptées', en: 'only https URLs are accepted' },
  credentials: { fr: "identifiants interdits dans l'URL", en: 'credentials are not allowed in the URL' },
  forbidden_host: { fr: "l'hôte désigne une adresse privée, locale ou réservée", en: 'the host points to a private, local or reserved address' },
};

export const webhookTexts = /* @__PURE__ */ defineTexts(() => ({
  'NOT_FOUND.webhook': { fr: 'Webhook introuvable', en: 'Webhook not found' },
  'NOT_FOUND.webhook_delivery': { fr: 'Livraison de webhook introuvable', en: 'Webhook delivery not found' },
  'RATE_LIMIT_EXCEEDED.webhooks': {
    fr: "Limite quotidienne de requêtes webhook de l'organisation atteinte : réessayez demain",
    en: "The organisation's daily webhook request limit is reached: try again tomorrow",
  },
  'VALIDATION_ERROR.event_type_repeated': { fr: "Chaque type d'événement une seule fois", en: 'Each event type once' },
}));

export const webhookTemplates = defineTemplates({
  'VALIDATION_ERROR.webhook_url': ({ reason }: { reason: string }) => {
    const text = urlReasons[reason] ?? urlReasons.invalid_url!;
    return { fr: `URL de webhook refusée : ${text.fr}`, en: `Webhook URL refused: ${text.en}` };
  },
});
