// The pinned Docusaurus 3 site that the helpdoc test suite builds its generated pages in
// (tests/clients/docusaurus-build.mjs copies them into a temporary copy of this folder).
// Every broken link, anchor, Markdown link or image fails the build; docs only, no network.

/** @type {import('@docusaurus/types').Config} */
export default {
  title: 'helpdoc test site',
  url: 'https://helpdoc.invalid',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',
  markdown: {
    // helpdoc writes MDX-safe pages: every .md file is compiled as MDX, as Docusaurus does by default.
    format: 'mdx',
    hooks: {
      onBrokenMarkdownLinks: 'throw',
      onBrokenMarkdownImages: 'throw',
    },
  },
  presets: [
    [
      'classic',
      {
        // Docs at the site root, with the sidebar generated from the folders and _category_.json.
        docs: { routeBasePath: '/' },
        blog: false,
        pages: false,
        sitemap: false,
        svgr: false,
        debug: false,
        // The stylesheet a site adds for helpdoc's lists in columns.
        theme: { customCss: './src/css/custom.css' },
      },
    ],
  ],
  themeConfig: {
    navbar: { title: 'helpdoc test site' },
    colorMode: { disableSwitch: true },
  },
};
