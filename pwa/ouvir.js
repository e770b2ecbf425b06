// "Ouvir": reads the page's main content aloud in Portuguese (Web Speech API).
// The button is rendered hidden and shown only when the browser has a Portuguese voice.
const button = document.querySelector("[data-ouvir]");
const synth = window.speechSynthesis;

function portugueseVoice() {
  const voices = synth ? synth.getVoices() : [];
  return voices.find((v) => v.lang === "pt-BR") || voices.find((v) => v.lang && v.lang.startsWith("pt"));
}

function mainText() {
  const main = document.querySelector("main");
  if (!main) return "";
  const copy = main.cloneNode(true);
  copy.querySelectorAll("[data-ouvir], script, form, [hidden]").forEach((el) => el.remove());
  return copy.innerText || copy.textContent || "";
}

function setUp() {
  const voice = portugueseVoice();
  if (!button || !voice) return;
  const label = button.querySelector("span");
  button.hidden = false;
  button.addEventListener("click", () => {
    if (synth.speaking) {
      synth.cancel();
      label.textContent = "Ouvir";
      button.setAttribute("aria-pressed", "false");
      return;
    }
    const utterance = new SpeechSynthesisUtterance(mainText());
    utterance.lang = "pt-BR";
    try {
      utterance.voice = voice;
    } catch {
      // lang alone still selects a Portuguese voice
    }
    utterance.onend = () => {
      label.textContent = "Ouvir";
      button.setAttribute("aria-pressed", "false");
    };
    label.textContent = "Parar";
    button.setAttribute("aria-pressed", "true");
    synth.speak(utterance);
  });
}

if (synth) {
  if (portugueseVoice()) setUp();
  else synth.addEventListener("voiceschanged", setUp, { once: true });
}
