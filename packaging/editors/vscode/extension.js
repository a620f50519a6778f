// The smallest client of article-lint lsp: start it for Markdown files, and stop it with VS Code.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("articleLint");
  const [command, ...args] = settings.get("command");
  client = new LanguageClient(
    "article-lint",
    "article-lint",
    { command, args },
    {
      documentSelector: [{ scheme: "file", language: "markdown" }, { scheme: "untitled", language: "markdown" }],
      initializationOptions: settings.get("initializationOptions"),
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
