/** The languages of the UI, the findings and the reports (kept free of schema code so the renderer bundle does not pull in zod). */
export const uiLanguages = ['en', 'ja', 'zh-TW'] as const;
export type UiLanguageCode = (typeof uiLanguages)[number];
