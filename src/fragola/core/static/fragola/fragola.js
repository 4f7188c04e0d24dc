// Fragola's page behaviour, kept out of the HTML so that the Content-Security-Policy can forbid
// inline scripts: a <select data-autosubmit> submits its form as soon as it changes.
document.addEventListener("change", function (event) {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit")) {
    field.form.submit();
  }
});
