// Business-name suggestions on the filing form. Without this file the field is a plain text box.
const input = document.querySelector("input[data-suggest]");
if (input) {
  const list = document.createElement("datalist");
  list.id = "business-suggestions";
  input.after(list);
  input.setAttribute("list", list.id);
  let timer;
  let last = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      try {
        const res = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(q)}`, {
          headers: { Accept: "application/json" },
        });
        if (!res.ok) return;
        const businesses = await res.json();
        list.replaceChildren(
          ...businesses.map((b) => {
            const option = document.createElement("option");
            option.value = b.name;
            option.label = `${b.complaints} complaint${b.complaints === 1 ? "" : "s"}`;
            return option;
          }),
        );
      } catch {
        // Offline or slow: the field still works as a plain text box.
      }
    }, 150);
  });
}
