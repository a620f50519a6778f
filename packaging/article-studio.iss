; Inno Setup script: wraps the PyInstaller folder dist\article-studio\ into a Windows installer.
;   iscc /DAppVersion=0.1.0 packaging\article-studio.iss      -> dist\article-studio-0.1.0-setup.exe
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6B0F4C7E-3A0E-4C55-9D1B-6E2A4F3C8A10}
AppName=Article Studio
AppVersion={#AppVersion}
AppPublisher=Article Studio
DefaultDirName={autopf}\Article Studio
DefaultGroupName=Article Studio
UninstallDisplayIcon={app}\article-studio.exe
OutputDir=..\dist
OutputBaseFilename=article-studio-{#AppVersion}-setup
SetupIconFile=..\build\icons\article-studio.ico
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
ChangesEnvironment=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add article-lint to PATH"; Flags: unchecked
Name: "assocmd"; Description: "Open .md files with Article Studio"; Flags: unchecked

[Files]
Source: "..\dist\article-studio\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Article Studio"; Filename: "{app}\article-studio.exe"
Name: "{group}\{cm:UninstallProgram,Article Studio}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Article Studio"; Filename: "{app}\article-studio.exe"; Tasks: desktopicon

[Registry]
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "ArticleStudio.md"; ValueData: ""; Flags: uninsdeletevalue; Tasks: assocmd
Root: HKA; Subkey: "Software\Classes\ArticleStudio.md"; ValueType: string; ValueName: ""; ValueData: "Markdown document"; Flags: uninsdeletekey; Tasks: assocmd
Root: HKA; Subkey: "Software\Classes\ArticleStudio.md\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\article-studio.exe,0"; Tasks: assocmd
Root: HKA; Subkey: "Software\Classes\ArticleStudio.md\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\article-studio.exe"" ""%1"""; Tasks: assocmd
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}')); Tasks: addtopath

[Run]
Filename: "{app}\article-studio.exe"; Description: "{cm:LaunchProgram,Article Studio}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
