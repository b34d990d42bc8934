; The Fieldcase tablet app's Windows installer (NSIS 3). Built by `python packaging/build.py --nsis` on
; Windows from the PyInstaller bundle, which passes /DVERSION, /DVERSION4, /DPAYLOAD (the bundle
; folder), /DICON and /DOUTFILE. CI compiles it on Linux against a stand-in payload
; (`build.py --nsis-stand-in`).
;
; Per-machine install into Program Files, a start-menu entry, an entry in Apps & features.
; Silent install for device management, with a provisioning file:
;     fieldcase-<version>-setup.exe /S /PROVISION=C:\path\to\tablet-0001.json
; copies the file to %ProgramData%\Fieldcase\provision.json, which the app applies at its next
; start (README.md, "For IT"); a missing file makes the installer exit with code 2.
; Upgrade: run a newer installer; it replaces the program files in the same folder. The data lives
; in each user's %LOCALAPPDATA%\Fieldcase and is never touched by installing.
; Uninstall keeps the data (it is evidence) unless asked: interactively a question whose default is
; No; silently only with /REMOVEDATA:   uninstall.exe /S /REMOVEDATA

Unicode true
ManifestDPIAware true

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef VERSION4
  !define VERSION4 "0.0.0.0"
!endif
!ifndef PAYLOAD
  !error "define PAYLOAD: the PyInstaller bundle folder (dist\fieldcase)"
!endif
!ifndef OUTFILE
  !define OUTFILE "fieldcase-${VERSION}-setup.exe"
!endif

!define APP "Fieldcase"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Fieldcase"
!define APP_KEY "Software\Fieldcase"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${APP_KEY}" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=0 "CompanyName" "${APP}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${APP}"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
; No "run now" on the finish page: the installer runs elevated, and the app must start as the user.

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString NoProvision ${LANG_ENGLISH} "The provisioning file $Provision does not exist; the app was installed without it."
LangString NoProvision ${LANG_SIMPCHINESE} "找不到配置文件 $Provision；已安装应用，但未应用该配置。"
LangString AskRemoveData ${LANG_ENGLISH} "Also delete this user's Fieldcase data — every case and evidence photo not yet on the server? This cannot be undone."
LangString AskRemoveData ${LANG_SIMPCHINESE} "是否同时删除本用户的全部案件数据和尚未上传的取证照片？此操作无法撤销。"
LangString StartMenuName ${LANG_ENGLISH} "Fieldcase"
LangString StartMenuName ${LANG_SIMPCHINESE} "城管执法取证"

Var Provision
Var RemoveData

Function .onInit
  SetShellVarContext all
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/PROVISION=" $Provision
  ${If} ${Errors}
    StrCpy $Provision ""
  ${EndIf}
  ; An installed version: upgrade it in place, in its folder.
  ReadRegStr $R1 HKLM "${UNINST_KEY}" "InstallLocation"
  ${If} $R1 != ""
    StrCpy $INSTDIR $R1
  ${EndIf}
FunctionEnd

Section "Fieldcase" SecMain
  SectionIn RO
  SetShellVarContext all
  ; The old program files go (a file dropped in a newer version must not linger); the data stays.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\fieldcase.exe"
  Delete "$INSTDIR\fieldcase-gui.exe"
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\$(StartMenuName).lnk" "$INSTDIR\fieldcase-gui.exe" "" "$INSTDIR\fieldcase-gui.exe" 0

  WriteRegStr HKLM "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${APP_KEY}" "Version" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${APP}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\fieldcase-gui.exe"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"

  ; The provisioning file, where the app looks at every start (app/provision.py machine_path):
  ; $APPDATA is C:\ProgramData in the all-users context.
  ${If} $Provision != ""
    ${If} ${FileExists} "$Provision"
      CreateDirectory "$APPDATA\${APP}"
      CopyFiles /SILENT "$Provision" "$APPDATA\${APP}\provision.json"
    ${Else}
      SetErrorLevel 2
      ${IfNot} ${Silent}
        MessageBox MB_ICONEXCLAMATION|MB_OK "$(NoProvision)"
      ${EndIf}
    ${EndIf}
  ${EndIf}
SectionEnd

Function un.onInit
  SetShellVarContext all
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
  StrCpy $RemoveData 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/REMOVEDATA" $R1
  ${IfNot} ${Errors}
    StrCpy $RemoveData 1
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$SMPROGRAMS\${APP}\*.lnk"
  RMDir "$SMPROGRAMS\${APP}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\fieldcase.exe"
  Delete "$INSTDIR\fieldcase-gui.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINST_KEY}"
  DeleteRegKey HKLM "${APP_KEY}"

  ; The data is evidence: it stays unless asked (a question defaulting to No, or /REMOVEDATA).
  ${If} $RemoveData == 0
  ${AndIfNot} ${Silent}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(AskRemoveData)" IDNO +2
    StrCpy $RemoveData 1
  ${EndIf}
  ${If} $RemoveData == 1
    SetShellVarContext current
    RMDir /r "$LOCALAPPDATA\${APP}"
    SetShellVarContext all
    RMDir /r "$APPDATA\${APP}"
  ${EndIf}
SectionEnd
