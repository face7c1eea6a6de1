/** The /docs page: Swagger UI (from cdnjs, as BAML's is) pointed at /openapi.json. */
export function docsPage(title: string): string {
  const ui = 'https://cdnjs.cloudflare.com/ajax/libs/swagger-ui/5.17.14';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(title)}</title>
  <link rel="stylesheet" href="${ui}/swagger-ui.min.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${ui}/swagger-ui-bundle.min.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui' });
  </script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );
}
