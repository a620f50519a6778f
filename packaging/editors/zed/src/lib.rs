// Zed starts language servers only from extensions: this one runs `article-lint lsp` from PATH.
use zed_extension_api::{self as zed, LanguageServerId, Result};

struct ArticleLint;

impl zed::Extension for ArticleLint {
    fn new() -> Self {
        ArticleLint
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let path = worktree
            .which("article-lint")
            .ok_or_else(|| "article-lint is not on PATH: pip install 'article-studio[servers]'".to_string())?;
        Ok(zed::Command { command: path, args: vec!["lsp".into()], env: Default::default() })
    }
}

zed::register_extension!(ArticleLint);
