<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>BulkDispatchDialog</name>
        <message>
            <location filename="../../ui/desk/decisions.py" line="327" />
            <source>Dispatch %1 cases</source>
            <translation>Dispatch %1 cases</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="330" />
            <source>Dispatch these cases to a disposal unit:</source>
            <translation>Dispatch these cases to a disposal unit:</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="336" />
            <source>Each to its default unit (from the catalogue)</source>
            <translation>Each to its default unit (from the catalogue)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="337" />
            <source>All to one unit:</source>
            <translation>All to one unit:</translation>
        </message>
    </context>
    <context>
        <name>CameraDialog</name>
        <message>
            <location filename="../../ui/camera.py" line="180" />
            <location filename="../../ui/camera.py" line="185" />
            <source>Take photos</source>
            <translation>Take photos</translation>
        </message>
        <message>
            <location filename="../../ui/camera.py" line="194" />
            <source>No live picture from this camera; each shot is added at once.</source>
            <translation>No live picture from this camera; each shot is added at once.</translation>
        </message>
        <message>
            <location filename="../../ui/camera.py" line="203" />
            <source>Done</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../ui/camera.py" line="205" />
            <source>Take photo</source>
            <translation>Take photo</translation>
        </message>
        <message>
            <location filename="../../ui/camera.py" line="222" />
            <source>The camera could not take the photo: %1</source>
            <translation>The camera could not take the photo: %1</translation>
        </message>
        <message>
            <location filename="../../ui/camera.py" line="227" />
            <source>Photos taken: %1. Each one is added to the case.</source>
            <translation>Photos taken: %1. Each one is added to the case.</translation>
        </message>
    </context>
    <context>
        <name>CaseDetailDialog</name>
        <message>
            <location filename="../../ui/case_detail.py" line="756" />
            <source>Case</source>
            <translation>Case</translation>
        </message>
    </context>
    <context>
        <name>CaseDetailPage</name>
        <message>
            <location filename="../../ui/case_detail.py" line="357" />
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="358" />
            <location filename="../../ui/case_detail.py" line="479" />
            <source>Returned by the reviewer for more evidence:</source>
            <translation>Returned by the reviewer for more evidence:</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="359" />
            <source>Before this case can be submitted:</source>
            <translation>Before this case can be submitted:</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="360" />
            <source>The server refused this case. Its reason:</source>
            <translation>The server refused this case. Its reason:</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="361" />
            <source>Photos</source>
            <translation>Photos</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="362" />
            <source>Location</source>
            <translation>Location</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="363" />
            <source>The case</source>
            <translation>The case</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="364" />
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="365" />
            <source>The party</source>
            <translation>The party</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="366" />
            <source>Officers present</source>
            <translation>Officers present</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="367" />
            <source>Timeline</source>
            <translation>Timeline</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="368" />
            <source>Withdraw draft</source>
            <translation>Withdraw draft</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="369" />
            <source>Edit</source>
            <translation>Edit</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="370" />
            <source>Submit</source>
            <translation>Submit</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="455" />
            <source>No. %1</source>
            <translation>No. %1</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="469" />
            <source>Reassigned to %1 on %2: read-only on this tablet.</source>
            <translation>Reassigned to %1 on %2: read-only on this tablet.</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="474" />
            <source>This tablet keeps the case as it was then; later changes are on the server and on %1's tablet.</source>
            <translation>This tablet keeps the case as it was then; later changes are on the server and on %1's tablet.</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="483" />
            <source>This case is %1. The reviewer's reason:</source>
            <translation>This case is %1. The reviewer's reason:</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="490" />
            <source>No reason was given.</source>
            <translation>No reason was given.</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="494" />
            <source>Photos (%1)</source>
            <translation>Photos (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="501" />
            <source>Coordinates</source>
            <translation>Coordinates</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="502" />
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="503" />
            <source>Address</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="504" />
            <source>District</source>
            <translation>District</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="510" />
            <source>Hazard level</source>
            <translation>Hazard level</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="511" />
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="512" />
            <source>Observed</source>
            <translation>Observed</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="513" />
            <source>Created</source>
            <translation>Created</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="514" />
            <source>Inspector</source>
            <translation>Inspector</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="515" />
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="516" />
            <source>Sync</source>
            <translation>Sync</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="538" />
            <source>None recorded</source>
            <translation>None recorded</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="622" />
            <source>%1 (×%2)</source>
            <translation>%1 (×%2)</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="704" />
            <source>Tap Edit to add what is missing.</source>
            <translation>Tap Edit to add what is missing.</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="713" />
            <source>Withdraw this draft?</source>
            <translation>Withdraw this draft?</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="714" />
            <source>The draft %1 and its photos will be removed from the case list. This cannot be undone.</source>
            <translation>The draft %1 and its photos will be removed from the case list. This cannot be undone.</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="717" />
            <source>Withdraw</source>
            <translation>Withdraw</translation>
        </message>
    </context>
    <context>
        <name>CaseList</name>
        <message>
            <location filename="../../ui/case_list_view.py" line="62" />
            <source>All</source>
            <translation>All</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="63" />
            <source>Drafts</source>
            <translation>Drafts</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="64" />
            <location filename="../../ui/case_list_view.py" line="93" />
            <source>Waiting to sync</source>
            <translation>Waiting to sync</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="65" />
            <location filename="../../ui/case_list_view.py" line="95" />
            <source>Synced</source>
            <translation>Synced</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="66" />
            <source>Returned for evidence</source>
            <translation>Returned for evidence</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="67" />
            <source>Verification tasks</source>
            <translation>Verification tasks</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="68" />
            <location filename="../../ui/case_list_view.py" line="86" />
            <source>Closed</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="69" />
            <source>Reassigned to others</source>
            <translation>Reassigned to others</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="76" />
            <source>Draft</source>
            <translation>Draft</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="77" />
            <source>Submitted</source>
            <translation>Submitted</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="78" />
            <source>Received</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="79" />
            <source>Returned</source>
            <translation>Returned</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="80" />
            <source>Rejected</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="81" />
            <source>Duplicate</source>
            <translation>Duplicate</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="82" />
            <source>Filed</source>
            <translation>Filed</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="83" />
            <source>Dispatched</source>
            <translation>Dispatched</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="84" />
            <source>To verify</source>
            <translation>To verify</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="85" />
            <source>Verified</source>
            <translation>Verified</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="92" />
            <source>On tablet</source>
            <translation>On tablet</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="94" />
            <source>Syncing</source>
            <translation>Syncing</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="96" />
            <source>Sync failed</source>
            <translation>Sync failed</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="121" />
            <source>Today %1</source>
            <translation>Today %1</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="123" />
            <source>Yesterday %1</source>
            <translation>Yesterday %1</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="321" />
            <source>Reassigned to %1</source>
            <translation>Reassigned to %1</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="353" />
            <source>(no address)</source>
            <translation>(no address)</translation>
        </message>
    </context>
    <context>
        <name>CaseListPage</name>
        <message>
            <location filename="../../ui/case_list_view.py" line="557" />
            <source>Cases</source>
            <translation>Cases</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="558" />
            <source>Search code, address, description</source>
            <translation>Search code, address, description</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="559" />
            <source>Search</source>
            <translation>Search</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="560" />
            <location filename="../../ui/case_list_view.py" line="561" />
            <source>Clear search</source>
            <translation>Clear search</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="562" />
            <location filename="../../ui/case_list_view.py" line="678" />
            <source>New case</source>
            <translation>New case</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="563" />
            <location filename="../../ui/case_list_view.py" line="564" />
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="565" />
            <source>Loading cases…</source>
            <translation>Loading cases…</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="665" />
            <source>No cases here</source>
            <translation>No cases here</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="667" />
            <source>No cases match “%1”</source>
            <translation>No cases match “%1”</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="670" />
            <source>Try other words, or another filter.</source>
            <translation>Try other words, or another filter.</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="671" />
            <source>Show all cases</source>
            <translation>Show all cases</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="676" />
            <source>No cases yet</source>
            <translation>No cases yet</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="677" />
            <source>Tap New case to record the first one.</source>
            <translation>Tap New case to record the first one.</translation>
        </message>
    </context>
    <context>
        <name>CaseView</name>
        <message>
            <location filename="../../ui/desk/case_view.py" line="351" />
            <source>Type: %1 — %2</source>
            <translation>Type: %1 — %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="352" />
            <source>Hazard: %1</source>
            <translation>Hazard: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="353" />
            <source>Case code: %1</source>
            <translation>Case code: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="354" />
            <source>Official number: %1</source>
            <translation>Official number: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="354" />
            <source>not filed yet</source>
            <translation>not filed yet</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="355" />
            <source>District: %1</source>
            <translation>District: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="403" />
            <source>Inspector: %1</source>
            <translation>Inspector: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="357" />
            <source>Observed: %1</source>
            <translation>Observed: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="358" />
            <source>Received: %1</source>
            <translation>Received: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="362" />
            <source>Disposal unit: %1</source>
            <translation>Disposal unit: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="365" />
            <source>Reworks: %1</source>
            <translation>Reworks: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="367" />
            <source>Review note: %1</source>
            <translation>Review note: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="374" />
            <source>(±%1 m)</source>
            <translation>(±%1 m)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="376" />
            <source>no location</source>
            <translation>no location</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="382" />
            <source>Address: %1</source>
            <translation>Address: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="383" />
            <source>Position (WGS-84): %1</source>
            <translation>Position (WGS-84): %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="384" />
            <source>Grid: %1</source>
            <translation>Grid: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="412" />
            <source>No deadlines yet (they start at dispatch).</source>
            <translation>No deadlines yet (they start at dispatch).</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="420" />
            <source>met %1</source>
            <translation>met %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="425" />
            <source>(working hours)</source>
            <translation>(working hours)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="425" />
            <source>(clock hours)</source>
            <translation>(clock hours)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="426" />
            <source>deferred</source>
            <translation>deferred</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="427" />
            <source>due %1</source>
            <translation>due %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="434" />
            <source>Description: %1</source>
            <translation>Description: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="444" />
            <source>yes</source>
            <translation>yes</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="444" />
            <source>no</source>
            <translation>no</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="451" />
            <source>Officers:</source>
            <translation>Officers:</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="454" />
            <source>%1, certificate %2</source>
            <translation>%1, certificate %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="460" />
            <source>Officers: none recorded</source>
            <translation>Officers: none recorded</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="468" />
            <source>No photos.</source>
            <translation>No photos.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="473" />
            <source>Photos of the disposal (from the unit's report):</source>
            <translation>Photos of the disposal (from the unit's report):</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="487" />
            <source>No cases of this type within 100 m.</source>
            <translation>No cases of this type within 100 m.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="524" />
            <source>The audit chain is broken:</source>
            <translation>The audit chain is broken:</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="539" />
            <source>No decision is open to you in this state.</source>
            <translation>No decision is open to you in this state.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="623" />
            <source>Sending the decision…</source>
            <translation>Sending the decision…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="633" />
            <source>%1 was not recorded.</source>
            <translation>%1 was not recorded.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="635" />
            <source>The case is shown again as it now stands.</source>
            <translation>The case is shown again as it now stands.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="651" />
            <source>Save the dossier</source>
            <translation>Save the dossier</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="669" />
            <source>Writing the dossier…</source>
            <translation>Writing the dossier…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="672" />
            <source>Dossier saved: %1</source>
            <translation>Dossier saved: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="680" />
            <source>Choose a case in the queue to see it here.</source>
            <translation>Choose a case in the queue to see it here.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="682" />
            <source>Try again</source>
            <translation>Try again</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="683" />
            <source>Case</source>
            <translation>Case</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="684" />
            <source>Deadlines</source>
            <translation>Deadlines</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="685" />
            <source>Location</source>
            <translation>Location</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="686" />
            <source>Inspector's notes and officers</source>
            <translation>Inspector's notes and officers</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="687" />
            <source>Photos (click for full size)</source>
            <translation>Photos (click for full size)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="688" />
            <source>Nearby cases of the same type (possible duplicates)</source>
            <translation>Nearby cases of the same type (possible duplicates)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="689" />
            <source>Audit trail</source>
            <translation>Audit trail</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="690" />
            <source>Print dossier (PDF)</source>
            <translation>Print dossier (PDF)</translation>
        </message>
    </context>
    <context>
        <name>DecisionDialog</name>
        <message>
            <location filename="../../ui/desk/decisions.py" line="123" />
            <source>What evidence is missing? The inspector sees this note on the tablet.</source>
            <translation>What evidence is missing? The inspector sees this note on the tablet.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="124" />
            <source>Why is the case rejected?</source>
            <translation>Why is the case rejected?</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="125" />
            <source>What was done on site?</source>
            <translation>What was done on site?</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="126" />
            <source>Why is the disposal not accepted?</source>
            <translation>Why is the disposal not accepted?</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="127" />
            <source>Why is the deadline moved (the agreement)?</source>
            <translation>Why is the deadline moved (the agreement)?</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="136" />
            <source>The case this one repeats (a nearby case, or its ID):</source>
            <translation>The case this one repeats (a nearby case, or its ID):</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="156" />
            <source>Disposal unit (the catalogue's default is preselected):</source>
            <translation>Disposal unit (the catalogue's default is preselected):</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="162" />
            <source>(default)</source>
            <translation>(default)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="171" />
            <source>Milestone:</source>
            <translation>Milestone:</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="175" />
            <source>every open deadline</source>
            <translation>every open deadline</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="182" />
            <source>Extra hours on the milestone's clock:</source>
            <translation>Extra hours on the milestone's clock:</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="183" />
            <source>A new due time:</source>
            <translation>A new due time:</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="205" />
            <source>Photos after disposal:</source>
            <translation>Photos after disposal:</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="210" />
            <source>Add photos…</source>
            <translation>Add photos…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="229" />
            <source>File case %1? The server gives it its official case number.</source>
            <translation>File case %1? The server gives it its official case number.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="230" />
            <source>Close case %1? The disposal was verified on site.</source>
            <translation>Close case %1? The disposal was verified on site.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="231" />
            <source>Dispatch case %1 to a disposal unit. The deadlines start now.</source>
            <translation>Dispatch case %1 to a disposal unit. The deadlines start now.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="232" />
            <source>Mark case %1 as a duplicate of another case.</source>
            <translation>Mark case %1 as a duplicate of another case.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="233" />
            <source>Return case %1 to the inspector for more evidence.</source>
            <translation>Return case %1 to the inspector for more evidence.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="234" />
            <source>Reject case %1.</source>
            <translation>Reject case %1.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="235" />
            <source>Move a deadline of case %1 (an agreed extension).</source>
            <translation>Move a deadline of case %1 (an agreed extension).</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="236" />
            <source>Record the disposal of case %1.</source>
            <translation>Record the disposal of case %1.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="237" />
            <source>Send case %1 back to the unit.</source>
            <translation>Send case %1 back to the unit.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="244" />
            <source>Deadlines from now:</source>
            <translation>Deadlines from now:</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="246" />
            <source>working hours</source>
            <translation>working hours</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="246" />
            <source>hours</source>
            <translation>hours</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="254" />
            <source>Photos after disposal</source>
            <translation>Photos after disposal</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="269" />
            <source>Say what evidence is missing.</source>
            <translation>Say what evidence is missing.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="270" />
            <location filename="../../ui/desk/decisions.py" line="273" />
            <source>Give the reason.</source>
            <translation>Give the reason.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="271" />
            <source>Say what was done.</source>
            <translation>Say what was done.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="272" />
            <source>Say why.</source>
            <translation>Say why.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="276" />
            <source>At most %1 characters.</source>
            <translation>At most %1 characters.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="278" />
            <source>Choose the case this one repeats.</source>
            <translation>Choose the case this one repeats.</translation>
        </message>
    </context>
    <context>
        <name>Desk</name>
        <message>
            <location filename="../../ui/desk/connection.py" line="33" />
            <source>The server cannot be reached. Check the network; Fieldcase keeps trying.</source>
            <translation>The server cannot be reached. Check the network; Fieldcase keeps trying.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="37" />
            <source>The server is not answering in time (a slow connection). Fieldcase keeps trying.</source>
            <translation>The server is not answering in time (a slow connection). Fieldcase keeps trying.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="42" />
            <source>Too many failed logins: this account is locked for a while.</source>
            <translation>Too many failed logins: this account is locked for a while.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="43" />
            <source>Your login has expired or was ended. Log in again.</source>
            <translation>Your login has expired or was ended. Log in again.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="45" />
            <source>Your role may not do this.</source>
            <translation>Your role may not do this.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="47" />
            <source>Someone else decided on this case first, or its state has changed.</source>
            <translation>Someone else decided on this case first, or its state has changed.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="51" />
            <source>The case was not found, or it is no longer yours to see.</source>
            <translation>The case was not found, or it is no longer yours to see.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="53" />
            <source>The server refused the request as incomplete.</source>
            <translation>The server refused the request as incomplete.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="54" />
            <source>The server failed. Try again; if it keeps failing, call IT.</source>
            <translation>The server failed. Try again; if it keeps failing, call IT.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="63" />
            <source>The server said: %1</source>
            <translation>The server said: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="57" />
            <source>File</source>
            <translation>File</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="58" />
            <source>Return for evidence</source>
            <translation>Return for evidence</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="59" />
            <source>Reject</source>
            <translation>Reject</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="60" />
            <source>Mark duplicate</source>
            <translation>Mark duplicate</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="61" />
            <source>Dispatch</source>
            <translation>Dispatch</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="62" />
            <source>Defer deadline</source>
            <translation>Defer deadline</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="63" />
            <source>Record disposal</source>
            <translation>Record disposal</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="64" />
            <source>Send back to unit</source>
            <translation>Send back to unit</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="65" />
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="50" />
            <source>✔ hash checked: the original is intact</source>
            <translation>✔ hash checked: the original is intact</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="52" />
            <source>✘ HASH MISMATCH: these bytes are not the photo taken</source>
            <translation>✘ HASH MISMATCH: these bytes are not the photo taken</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="54" />
            <source>the photo could not be downloaded</source>
            <translation>the photo could not be downloaded</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="55" />
            <source>downloading…</source>
            <translation>downloading…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="72" />
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="76" />
            <source>Kind: %1</source>
            <translation>Kind: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="77" />
            <source>Taken: %1</source>
            <translation>Taken: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="78" />
            <source>GPS: %1</source>
            <translation>GPS: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="79" />
            <source>Camera: %1</source>
            <translation>Camera: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="80" />
            <source>Size: %1 × %2 px, %3 KB</source>
            <translation>Size: %1 × %2 px, %3 KB</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="102" />
            <source>…</source>
            <translation>…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="111" />
            <source>Reporter: %1 · Held by: %2</source>
            <translation>Reporter: %1 · Held by: %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="125" />
            <source>%1 h</source>
            <translation>%1 h</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="128" />
            <source>%1 d %2 h</source>
            <translation>%1 d %2 h</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="133" />
            <source>overdue %1</source>
            <translation>overdue %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="134" />
            <source>%1 left</source>
            <translation>%1 left</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="404" />
            <source>URGENT</source>
            <translation>URGENT</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="430" />
            <source>Urgency</source>
            <translation>Urgency</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="431" />
            <source>Case</source>
            <translation>Case</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="432" />
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="433" />
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="434" />
            <source>District</source>
            <translation>District</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="435" />
            <source>Inspector</source>
            <translation>Inspector</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="436" />
            <source>Received</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="437" />
            <source>Unit</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="438" />
            <source>Time left</source>
            <translation>Time left</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="439" />
            <source>Address</source>
            <translation>Address</translation>
        </message>
    </context>
    <context>
        <name>DeskLoginPage</name>
        <message>
            <location filename="../../ui/desk/window.py" line="182" />
            <source>Enter the server, your user name and password.</source>
            <translation>Enter the server, your user name and password.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="188" />
            <source>Logging in…</source>
            <translation>Logging in…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="208" />
            <source>The server is slow to answer; still trying…</source>
            <translation>The server is slow to answer; still trying…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="222" />
            <source>%1 is an inspector: inspectors work in the tablet app (run fieldcase).</source>
            <translation>%1 is an inspector: inspectors work in the tablet app (run fieldcase).</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="239" />
            <source>Wrong user name or password.</source>
            <translation>Wrong user name or password.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="242" />
            <source>The server at %1 cannot be reached (%2). Check the address and the network, then try again.</source>
            <translation>The server at %1 cannot be reached (%2). Check the address and the network, then try again.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="245" />
            <source>no answer in time</source>
            <translation>no answer in time</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="245" />
            <source>no connection</source>
            <translation>no connection</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="261" />
            <source>Fieldcase desk</source>
            <translation>Fieldcase desk</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="263" />
            <source>Supervisors review and dispatch cases; disposal units record their work. Log in to the server.</source>
            <translation>Supervisors review and dispatch cases; disposal units record their work. Log in to the server.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="265" />
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="266" />
            <source>User name</source>
            <translation>User name</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="267" />
            <source>Password</source>
            <translation>Password</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="268" />
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="269" />
            <source>Theme</source>
            <translation>Theme</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="270" />
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="271" />
            <source>Sunlight (high contrast)</source>
            <translation>Sunlight (high contrast)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="272" />
            <source>Log in</source>
            <translation>Log in</translation>
        </message>
    </context>
    <context>
        <name>DeskMapPage</name>
        <message>
            <location filename="../../ui/desk/map_page.py" line="520" />
            <source>Loading the map…</source>
            <translation>Loading the map…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="550" />
            <location filename="../../ui/desk/map_page.py" line="646" />
            <source>No cases match these filters.</source>
            <translation>No cases match these filters.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="579" />
            <source>This server cannot show cases on a map (it is older than this desk). The list works.</source>
            <translation>This server cannot show cases on a map (it is older than this desk). The list works.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="581" />
            <source>The map cannot be shown: %1</source>
            <translation>The map cannot be shown: %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/desk/map_page.py" line="627" />
            <source>%n case(s) on the map</source>
            <translation>
                <numerusform>%n case(s) on the map</numerusform>
                <numerusform>%n case(s) on the map</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/desk/map_page.py" line="629" />
            <source>%n overdue</source>
            <translation>
                <numerusform>%n overdue</numerusform>
                <numerusform>%n overdue</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/desk/map_page.py" line="631" />
            <source>%n without a location</source>
            <translation>
                <numerusform>%n without a location</numerusform>
                <numerusform>%n without a location</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/desk/map_page.py" line="633" />
            <source>%n outside every grid</source>
            <translation>
                <numerusform>%n outside every grid</numerusform>
                <numerusform>%n outside every grid</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="635" />
            <source>Loading…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="637" />
            <source>The basemap cannot be read: %1</source>
            <translation>The basemap cannot be read: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="639" />
            <source>No basemap is set up: cases show on a plain background.</source>
            <translation>No basemap is set up: cases show on a plain background.</translation>
        </message>
    </context>
    <context>
        <name>DeskMapView</name>
        <message>
            <location filename="../../ui/desk/map_page.py" line="253" />
            <source>Overdue</source>
            <translation>Overdue</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="254" />
            <source>To file</source>
            <translation>To file</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="255" />
            <source>Filed, to dispatch</source>
            <translation>Filed, to dispatch</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="256" />
            <source>Dispatched</source>
            <translation>Dispatched</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="257" />
            <source>Disposed, to verify</source>
            <translation>Disposed, to verify</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="258" />
            <source>Verified, to close</source>
            <translation>Verified, to close</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="259" />
            <source>Returned to the inspector</source>
            <translation>Returned to the inspector</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="260" />
            <source>Closed</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="261" />
            <source>Rejected or duplicate</source>
            <translation>Rejected or duplicate</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="362" />
            <source>%1 overdue</source>
            <translation>%1 overdue</translation>
        </message>
    </context>
    <context>
        <name>DeskPage</name>
        <message>
            <location filename="../../ui/desk/window.py" line="402" />
            <source>Review queue</source>
            <translation>Review queue</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="402" />
            <source>Dispatched to us</source>
            <translation>Dispatched to us</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="404" />
            <source>Evaluation</source>
            <translation>Evaluation</translation>
        </message>
    </context>
    <context>
        <name>DeskWindow</name>
        <message>
            <location filename="../../ui/desk/window.py" line="491" />
            <source>supervisor</source>
            <translation>supervisor</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="492" />
            <source>administrator</source>
            <translation>administrator</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="493" />
            <source>disposal unit</source>
            <translation>disposal unit</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="499" />
            <source>%1 (%2) — %3 — %4</source>
            <translation>%1 (%2) — %3 — %4</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="500" />
            <source>all districts</source>
            <translation>all districts</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="512" />
            <source>Your login has expired. Log in again.</source>
            <translation>Your login has expired. Log in again.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="543" />
            <source>Fieldcase desk</source>
            <translation>Fieldcase desk</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="544" />
            <source>Log out</source>
            <translation>Log out</translation>
        </message>
    </context>
    <context>
        <name>DiskBanner</name>
        <message>
            <location filename="../../ui/main_window.py" line="102" />
            <source>Only %1 MB free on this tablet: new photos may soon fail to save. Sync, then free some space.</source>
            <translation>Only %1 MB free on this tablet: new photos may soon fail to save. Sync, then free some space.</translation>
        </message>
    </context>
    <context>
        <name>Dossier</name>
        <message>
            <location filename="../../ui/desk/dossier.py" line="237" />
            <source>draft</source>
            <translation>draft</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="238" />
            <source>submitted</source>
            <translation>submitted</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="239" />
            <source>received</source>
            <translation>received</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="240" />
            <source>returned for more evidence</source>
            <translation>returned for more evidence</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="241" />
            <source>rejected</source>
            <translation>rejected</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="242" />
            <source>duplicate</source>
            <translation>duplicate</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="243" />
            <source>filed</source>
            <translation>filed</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="244" />
            <source>dispatched</source>
            <translation>dispatched</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="245" />
            <source>disposed (to verify)</source>
            <translation>disposed (to verify)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="246" />
            <source>verified</source>
            <translation>verified</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="247" />
            <source>closed</source>
            <translation>closed</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="253" />
            <source>inspector</source>
            <translation>inspector</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="254" />
            <source>supervisor</source>
            <translation>supervisor</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="255" />
            <source>disposal unit</source>
            <translation>disposal unit</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="256" />
            <source>administrator</source>
            <translation>administrator</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="257" />
            <source>system</source>
            <translation>system</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="263" />
            <source>Draft created</source>
            <translation>Draft created</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="264" />
            <source>Photos added</source>
            <translation>Photos added</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="265" />
            <source>Edited</source>
            <translation>Edited</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="266" />
            <source>Submitted</source>
            <translation>Submitted</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="267" />
            <source>Withdrawn</source>
            <translation>Withdrawn</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="268" />
            <source>Received by the server</source>
            <translation>Received by the server</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="269" />
            <source>Filed</source>
            <translation>Filed</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="270" />
            <source>Returned for more evidence</source>
            <translation>Returned for more evidence</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="271" />
            <source>Rejected</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="272" />
            <source>Marked as a duplicate</source>
            <translation>Marked as a duplicate</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="273" />
            <source>Dispatched to a disposal unit</source>
            <translation>Dispatched to a disposal unit</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="274" />
            <source>Deadline deferred</source>
            <translation>Deadline deferred</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="275" />
            <source>Disposal reported</source>
            <translation>Disposal reported</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="276" />
            <source>Disposal not accepted</source>
            <translation>Disposal not accepted</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="277" />
            <source>Verified on site</source>
            <translation>Verified on site</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="278" />
            <source>Verification failed: rework</source>
            <translation>Verification failed: rework</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="279" />
            <source>Closed</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="285" />
            <source>from a photo's GPS</source>
            <translation>from a photo's GPS</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="286" />
            <source>from the tablet's position</source>
            <translation>from the tablet's position</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="287" />
            <source>entered by hand</source>
            <translation>entered by hand</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="302" />
            <source>yes</source>
            <translation>yes</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="302" />
            <source>no</source>
            <translation>no</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="331" />
            <source>Case code</source>
            <translation>Case code</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="332" />
            <source>Official case number</source>
            <translation>Official case number</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="332" />
            <source>not filed</source>
            <translation>not filed</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="333" />
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="334" />
            <source>Subtype</source>
            <translation>Subtype</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="335" />
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="336" />
            <location filename="../../ui/desk/dossier.py" line="512" />
            <source>Hazard level</source>
            <translation>Hazard level</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="337" />
            <location filename="../../ui/desk/dossier.py" line="424" />
            <location filename="../../ui/desk/dossier.py" line="510" />
            <source>Address</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="338" />
            <location filename="../../ui/desk/dossier.py" line="511" />
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="339" />
            <source>District</source>
            <translation>District</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="340" />
            <source>Grid</source>
            <translation>Grid</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="341" />
            <source>Inspector</source>
            <translation>Inspector</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="342" />
            <source>Observed</source>
            <translation>Observed</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="343" />
            <source>Recorded on the tablet</source>
            <translation>Recorded on the tablet</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="344" />
            <source>Received on the server</source>
            <translation>Received on the server</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="345" />
            <source>Disposal unit</source>
            <translation>Disposal unit</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="348" />
            <source>Reviewer's note</source>
            <translation>Reviewer's note</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="350" />
            <source>Reworks</source>
            <translation>Reworks</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="351" />
            <source>Case facts</source>
            <translation>Case facts</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="366" />
            <source>Party and details</source>
            <translation>Party and details</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="370" />
            <location filename="../../ui/desk/dossier.py" line="514" />
            <source>Officers</source>
            <translation>Officers</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="372" />
            <source>No officers recorded.</source>
            <translation>No officers recorded.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="373" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="373" />
            <source>Enforcement certificate</source>
            <translation>Enforcement certificate</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="386" />
            <source>Milestone</source>
            <translation>Milestone</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="386" />
            <source>Due</source>
            <translation>Due</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="386" />
            <source>Met</source>
            <translation>Met</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="386" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="392" />
            <source>met on time</source>
            <translation>met on time</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="392" />
            <source>met late</source>
            <translation>met late</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="394" />
            <source>overdue</source>
            <translation>overdue</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="396" />
            <source>open</source>
            <translation>open</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="398" />
            <source>deferred</source>
            <translation>deferred</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="406" />
            <source>Deadlines</source>
            <translation>Deadlines</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="416" />
            <source>Coordinates (WGS-84)</source>
            <translation>Coordinates (WGS-84)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="421" />
            <source>Accuracy</source>
            <translation>Accuracy</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="421" />
            <source>±%1 m</source>
            <translation>±%1 m</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="423" />
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="425" />
            <location filename="../../ui/desk/dossier.py" line="513" />
            <source>Location</source>
            <translation>Location</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="429" />
            <source>Photos (%1)</source>
            <translation>Photos (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="432" />
            <source>No photos in this case.</source>
            <translation>No photos in this case.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="440" />
            <source>The original was not available.</source>
            <translation>The original was not available.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="442" />
            <source>The original could not be read as a picture.</source>
            <translation>The original could not be read as a picture.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="444" />
            <source>matches the original</source>
            <translation>matches the original</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="446" />
            <source>DOES NOT MATCH the bytes given</source>
            <translation>DOES NOT MATCH the bytes given</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="448" />
            <source>not checked (no original)</source>
            <translation>not checked (no original)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="453" />
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="454" />
            <source>Captured</source>
            <translation>Captured</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="455" />
            <source>Coordinates</source>
            <translation>Coordinates</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="456" />
            <source>Camera</source>
            <translation>Camera</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="457" />
            <source>Pixels</source>
            <translation>Pixels</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="458" />
            <source>File size</source>
            <translation>File size</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="459" />
            <source>Hash check</source>
            <translation>Hash check</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="462" />
            <location filename="../../ui/desk/dossier.py" line="537" />
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="466" />
            <source>Photo %1 of %2</source>
            <translation>Photo %1 of %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="484" />
            <source>Official case number %1</source>
            <translation>Official case number %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="515" />
            <source>photo details</source>
            <translation>photo details</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="519" />
            <source>Changed: %1</source>
            <translation>Changed: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="529" />
            <source>%1 m from the case location</source>
            <translation>%1 m from the case location</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="535" />
            <source>Audit trail (%1 events)</source>
            <translation>Audit trail (%1 events)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="537" />
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="537" />
            <source>Actor</source>
            <translation>Actor</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="537" />
            <source>Action</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="486" />
            <source>Repeats case %1</source>
            <translation>Repeats case %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="488" />
            <source>%1 photos</source>
            <translation>%1 photos</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="558" />
            <source>The audit chain has breaks:</source>
            <translation>The audit chain has breaks:</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="560" />
            <source>The audit chain is unbroken.</source>
            <translation>The audit chain is unbroken.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="562" />
            <source>Chain head</source>
            <translation>Chain head</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="228" />
            <source>Case dossier</source>
            <translation>Case dossier</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="231" />
            <source>Page %1 of %2</source>
            <translation>Page %1 of %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="589" />
            <source>Made %1 by Fieldcase from the central server's record.</source>
            <translation>Made %1 by Fieldcase from the central server's record.</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <location filename="../../ui/errors.py" line="79" />
            <source>No location: take a photo with GPS, use the tablet's position, or enter it by hand.</source>
            <translation>No location: take a photo with GPS, use the tablet's position, or enter it by hand.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="83" />
            <source>At least %1 photos are needed (%2 so far).</source>
            <translation>At least %1 photos are needed (%2 so far).</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="89" />
            <source>Missing: %1.</source>
            <translation>Missing: %1.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="93" />
            <source>At least %1 officers with enforcement-certificate numbers must be recorded (%2 so far).</source>
            <translation>At least %1 officers with enforcement-certificate numbers must be recorded (%2 so far).</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="100" />
            <source>The same certificate number is listed twice.</source>
            <translation>The same certificate number is listed twice.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="102" />
            <source>%1 is required.</source>
            <translation>%1 is required.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="105" />
            <source>%1: longer than %2 characters.</source>
            <translation>%1: longer than %2 characters.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="126" />
            <source>The tablet's storage is full: nothing more can be saved. Free some space (sync, then remove old photos) and try again. Nothing already saved was lost.</source>
            <translation>The tablet's storage is full: nothing more can be saved. Free some space (sync, then remove old photos) and try again. Nothing already saved was lost.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="132" />
            <location filename="../../ui/errors.py" line="173" />
            <source>The data folder cannot be written to (read-only). Check the storage card or the folder.</source>
            <translation>The data folder cannot be written to (read-only). Check the storage card or the folder.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="136" />
            <source>The case database is busy. Wait a moment and try again.</source>
            <translation>The case database is busy. Wait a moment and try again.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="137" />
            <source>The tablet's storage failed. Try again; if it keeps failing, call IT.</source>
            <translation>The tablet's storage failed. Try again; if it keeps failing, call IT.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="146" />
            <source>Please check:</source>
            <translation>Please check:</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="148" />
            <source>Your role may not do this.</source>
            <translation>Your role may not do this.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="151" />
            <source>This cannot be done now: the case is %1.</source>
            <translation>This cannot be done now: the case is %1.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="154" />
            <location filename="../../ui/errors.py" line="156" />
            <source>This cannot be done to the case now.</source>
            <translation>This cannot be done to the case now.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="160" />
            <source>%1 cannot be used as evidence: %2</source>
            <translation>%1 cannot be used as evidence: %2</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="167" />
            <source>The case was not found; it may have been withdrawn.</source>
            <translation>The case was not found; it may have been withdrawn.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="169" />
            <source>More than one case matches; give more of the code.</source>
            <translation>More than one case matches; give more of the code.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="177" />
            <source>The case database is damaged. Do not delete anything; call IT.</source>
            <translation>The case database is damaged. Do not delete anything; call IT.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="180" />
            <source>Something went wrong (%1). It has been written to the log; please tell IT.</source>
            <translation>Something went wrong (%1). It has been written to the log; please tell IT.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="190" />
            <source>Fieldcase</source>
            <translation>Fieldcase</translation>
        </message>
    </context>
    <context>
        <name>EvaluationModel</name>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="223" />
            <source>Rank</source>
            <translation>Rank</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="224" />
            <source>Reported</source>
            <translation>Reported</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="225" />
            <source>Filed</source>
            <translation>Filed</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="226" />
            <source>Filing rate</source>
            <translation>Filing rate</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="227" />
            <source>Returned</source>
            <translation>Returned</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="228" />
            <source>Rejected</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="229" />
            <source>Dispatched</source>
            <translation>Dispatched</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="230" />
            <source>Disposed</source>
            <translation>Disposed</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="231" />
            <source>Disposed on time</source>
            <translation>Disposed on time</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="232" />
            <source>Disposals due</source>
            <translation>Disposals due</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="233" />
            <source>On-time disposal rate</source>
            <translation>On-time disposal rate</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="234" />
            <source>Closures due</source>
            <translation>Closures due</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="235" />
            <source>Closed</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="236" />
            <source>Closed on time</source>
            <translation>Closed on time</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="237" />
            <source>Closure rate</source>
            <translation>Closure rate</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="238" />
            <source>On-time closure rate</source>
            <translation>On-time closure rate</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="239" />
            <source>Deferred</source>
            <translation>Deferred</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="240" />
            <source>Reworks</source>
            <translation>Reworks</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="241" />
            <source>Mean working hours to close</source>
            <translation>Mean working hours to close</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="245" />
            <source>Inspector</source>
            <translation>Inspector</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="246" />
            <source>District</source>
            <translation>District</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="247" />
            <source>Disposal unit</source>
            <translation>Disposal unit</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="253" />
            <source>By on-time closure rate, then closure rate; equal groups share a rank.</source>
            <translation>By on-time closure rate, then closure rate; equal groups share a rank.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="254" />
            <source>Cases the server received in the period.</source>
            <translation>Cases the server received in the period.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="255" />
            <source>Filed ÷ reported.</source>
            <translation>Filed ÷ reported.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="256" />
            <source>Cases ever returned for more evidence.</source>
            <translation>Cases ever returned for more evidence.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="258" />
            <source>Dispatched cases disposed of, or whose last deadline fell before the period ended.</source>
            <translation>Dispatched cases disposed of, or whose last deadline fell before the period ended.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="261" />
            <source>Disposed with every deadline met ÷ (disposals due − running agreed extensions).</source>
            <translation>Disposed with every deadline met ÷ (disposals due − running agreed extensions).</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="263" />
            <source>Dispatched cases closed, or whose last deadline fell before the period ended.</source>
            <translation>Dispatched cases closed, or whose last deadline fell before the period ended.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="264" />
            <source>Closed ÷ (closures due − running agreed extensions).</source>
            <translation>Closed ÷ (closures due − running agreed extensions).</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="265" />
            <source>Closed by the last deadline ÷ the same.</source>
            <translation>Closed by the last deadline ÷ the same.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="266" />
            <source>Cases with an agreed extension of a deadline.</source>
            <translation>Cases with an agreed extension of a deadline.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="267" />
            <source>Disposals disputed on site and sent back to the unit.</source>
            <translation>Disposals disputed on site and sent back to the unit.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="268" />
            <source>Working hours from dispatch to closing, on average.</source>
            <translation>Working hours from dispatch to closing, on average.</translation>
        </message>
    </context>
    <context>
        <name>EvaluationPage</name>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="565" />
            <source>The period starts after it ends, or is longer than three years.</source>
            <translation>The period starts after it ends, or is longer than three years.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="584" />
            <source>The server's answer could not be read.</source>
            <translation>The server's answer could not be read.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="656" />
            <source>%1 to %2</source>
            <translation>%1 to %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="658" />
            <source>%1, by %2: %3 groups, ranked by on-time closure rate, then closure rate.</source>
            <translation>%1, by %2: %3 groups, ranked by on-time closure rate, then closure rate.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="666" />
            <source>No cases were reported from %1.</source>
            <translation>No cases were reported from %1.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="690" />
            <source>Not in the chart (nothing due yet): %1</source>
            <translation>Not in the chart (nothing due yet): %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="700" />
            <source>Export the figures</source>
            <translation>Export the figures</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="711" />
            <source>The figures could not be saved: %1</source>
            <translation>The figures could not be saved: %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="713" />
            <source>Saved %1</source>
            <translation>Saved %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="723" />
            <source>Evaluation</source>
            <translation>Evaluation</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="724" />
            <source>Figures per group</source>
            <translation>Figures per group</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="726" />
            <source>Period</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="728" />
            <source>This month</source>
            <translation>This month</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="729" />
            <source>Last month</source>
            <translation>Last month</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="730" />
            <source>This quarter</source>
            <translation>This quarter</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="731" />
            <source>This year</source>
            <translation>This year</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="732" />
            <source>From – to</source>
            <translation>From – to</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="736" />
            <source>Group by</source>
            <translation>Group by</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="737" />
            <source>inspector</source>
            <translation>inspector</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="737" />
            <source>district</source>
            <translation>district</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="737" />
            <source>disposal unit</source>
            <translation>disposal unit</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="740" />
            <source>Refresh</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="741" />
            <source>Export CSV…</source>
            <translation>Export CSV…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="742" />
            <source>Try again</source>
            <translation>Try again</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="743" />
            <source>Loading the figures…</source>
            <translation>Loading the figures…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="725" />
            <location filename="../../ui/desk/evaluation.py" line="744" />
            <source>Chart</source>
            <translation>Chart</translation>
        </message>
    </context>
    <context>
        <name>Fieldcase</name>
        <message>
            <location filename="../../ui/widgets/common.py" line="158" />
            <source>Keep it</source>
            <translation>Keep it</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="178" />
            <source>unknown time</source>
            <translation>unknown time</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="188" />
            <source>%1 m</source>
            <translation>%1 m</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="189" />
            <source>%1 km</source>
            <translation>%1 km</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="196" />
            <source>just now</source>
            <translation>just now</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="198" />
            <source>%1 min ago</source>
            <translation>%1 min ago</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="200" />
            <source>%1 h ago</source>
            <translation>%1 h ago</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="201" />
            <source>%1 d ago</source>
            <translation>%1 d ago</translation>
        </message>
    </context>
    <context>
        <name>Fields</name>
        <message>
            <location filename="../../ui/errors.py" line="46" />
            <source>Location</source>
            <translation>Location</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="47" />
            <source>Photos</source>
            <translation>Photos</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="48" />
            <source>Photo</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="49" />
            <location filename="../../ui/errors.py" line="50" />
            <source>Kind of shot</source>
            <translation>Kind of shot</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="51" />
            <source>Officers</source>
            <translation>Officers</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="52" />
            <source>Address</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="53" />
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="54" />
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="55" />
            <source>Hazard level</source>
            <translation>Hazard level</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="56" />
            <source>Case type</source>
            <translation>Case type</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="57" />
            <source>Subtype</source>
            <translation>Subtype</translation>
        </message>
    </context>
    <context>
        <name>FullPhotoDialog</name>
        <message>
            <location filename="../../ui/desk/photos.py" line="146" />
            <source>Photo</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="156" />
            <source>100 %</source>
            <translation>100 %</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="157" />
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="197" />
            <source>Photo %1 of %2</source>
            <translation>Photo %1 of %2</translation>
        </message>
    </context>
    <context>
        <name>HomeBar</name>
        <message>
            <location filename="../../ui/main_window.py" line="225" />
            <source>List</source>
            <translation>List</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="226" />
            <source>Map</source>
            <translation>Map</translation>
        </message>
    </context>
    <context>
        <name>Kinds</name>
        <message>
            <location filename="../../ui/errors.py" line="114" />
            <source>overview</source>
            <translation>overview</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="115" />
            <source>close-up</source>
            <translation>close-up</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="116" />
            <source>signage</source>
            <translation>signage</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="117" />
            <source>measurement</source>
            <translation>measurement</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="118" />
            <source>after disposal</source>
            <translation>after disposal</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <location filename="../../ui/widgets/labels.py" line="30" />
            <source>Only on this tablet</source>
            <translation>Only on this tablet</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="31" />
            <source>Waiting to sync</source>
            <translation>Waiting to sync</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="32" />
            <source>Syncing</source>
            <translation>Syncing</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="33" />
            <source>Synced</source>
            <translation>Synced</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="34" />
            <source>Sync failed</source>
            <translation>Sync failed</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="41" />
            <source>From a photo's GPS</source>
            <translation>From a photo's GPS</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="42" />
            <source>From the tablet's position</source>
            <translation>From the tablet's position</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="43" />
            <source>Entered by hand</source>
            <translation>Entered by hand</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="50" />
            <source>inspector</source>
            <translation>inspector</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="51" />
            <source>supervisor</source>
            <translation>supervisor</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="52" />
            <source>disposal unit</source>
            <translation>disposal unit</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="53" />
            <source>administrator</source>
            <translation>administrator</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="54" />
            <source>system</source>
            <translation>system</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="61" />
            <source>Yes</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="63" />
            <source>No</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="145" />
            <source>%1: must be at least %2.</source>
            <translation>%1: must be at least %2.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="149" />
            <source>%1: must be at most %2.</source>
            <translation>%1: must be at most %2.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="152" />
            <source>%1: not a number.</source>
            <translation>%1: not a number.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="154" />
            <source>%1: not a whole number.</source>
            <translation>%1: not a whole number.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="156" />
            <source>%1: not a valid 18-character ID number or unified social credit code.</source>
            <translation>%1: not a valid 18-character ID number or unified social credit code.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="160" />
            <source>%1: not a valid phone number.</source>
            <translation>%1: not a valid phone number.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="162" />
            <source>A certificate number must be 4–32 letters or digits.</source>
            <translation>A certificate number must be 4–32 letters or digits.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="164" />
            <source>An officer's name must be 1–50 characters.</source>
            <translation>An officer's name must be 1–50 characters.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="173" />
            <source>At least %1 photos are needed</source>
            <translation>At least %1 photos are needed</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="175" />
            <source> (%1)</source>
            <translation> (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="176" />
            <source>; this case has %1.</source>
            <translation>; this case has %1.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="179" />
            <source>Missing: %1.</source>
            <translation>Missing: %1.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="195" />
            <source>the file is empty</source>
            <translation>the file is empty</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="196" />
            <source>the file was not found</source>
            <translation>the file was not found</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="197" />
            <source>a folder, not a file</source>
            <translation>a folder, not a file</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="198" />
            <source>not a regular file</source>
            <translation>not a regular file</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="199" />
            <source>cannot read the file: permission denied</source>
            <translation>cannot read the file: permission denied</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="202" />
            <source>not a photo (unknown format)</source>
            <translation>not a photo (unknown format)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="205" />
            <source>the file changed while it was being imported; try again</source>
            <translation>the file changed while it was being imported; try again</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="208" />
            <source>the image is too large to open</source>
            <translation>the image is too large to open</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="215" />
            <source>the photo is damaged (cut short or corrupt)</source>
            <translation>the photo is damaged (cut short or corrupt)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="217" />
            <source>unsupported format (JPEG, PNG or HEIC only)</source>
            <translation>unsupported format (JPEG, PNG or HEIC only)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="219" />
            <source>too large to be a photo</source>
            <translation>too large to be a photo</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="221" />
            <source>took too long to open (damaged or hostile file)</source>
            <translation>took too long to open (damaged or hostile file)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="223" />
            <source>the photo could not be opened (damaged or hostile file)</source>
            <translation>the photo could not be opened (damaged or hostile file)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="235" />
            <source>Draft created</source>
            <translation>Draft created</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="237" />
            <source>Photos added: %1</source>
            <translation>Photos added: %1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="241" />
            <source>Edited</source>
            <translation>Edited</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="243" />
            <source>Submitted</source>
            <translation>Submitted</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="245" />
            <source>Withdrawn</source>
            <translation>Withdrawn</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="247" />
            <source>Received by the server</source>
            <translation>Received by the server</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="249" />
            <source>Filed</source>
            <translation>Filed</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="251" />
            <source>Returned for more evidence</source>
            <translation>Returned for more evidence</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="253" />
            <source>Rejected</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="255" />
            <source>Marked as a duplicate</source>
            <translation>Marked as a duplicate</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="257" />
            <source>Dispatched to a disposal unit</source>
            <translation>Dispatched to a disposal unit</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="259" />
            <source>Deadline deferred</source>
            <translation>Deadline deferred</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="261" />
            <source>Disposal reported</source>
            <translation>Disposal reported</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="263" />
            <source>Disposal not accepted</source>
            <translation>Disposal not accepted</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="265" />
            <source>Verified on site</source>
            <translation>Verified on site</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="267" />
            <source>Verification failed: rework</source>
            <translation>Verification failed: rework</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="269" />
            <source>Closed</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="272" />
            <source>Reassigned from %1 to %2</source>
            <translation>Reassigned from %1 to %2</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="288" />
            <source>photo details</source>
            <translation>photo details</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="291" />
            <source>Changed: %1</source>
            <translation>Changed: %1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="296" />
            <source>Location taken from a photo's GPS</source>
            <translation>Location taken from a photo's GPS</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="301" />
            <source>Repeats case %1</source>
            <translation>Repeats case %1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="303" />
            <source>Revision %1</source>
            <translation>Revision %1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="308" />
            <source>unknown</source>
            <translation>unknown</translation>
        </message>
    </context>
    <context>
        <name>ListMapSwitch</name>
        <message>
            <location filename="../../ui/desk/map_page.py" line="431" />
            <source>List</source>
            <translation>List</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="432" />
            <source>Map</source>
            <translation>Map</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="433" />
            <source>The cases as a list</source>
            <translation>The cases as a list</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="434" />
            <source>The cases on a map, with the count in each grid</source>
            <translation>The cases on a map, with the count in each grid</translation>
        </message>
    </context>
    <context>
        <name>LocationPanel</name>
        <message>
            <location filename="../../ui/widgets/location.py" line="29" />
            <source>accuracy unknown</source>
            <translation>accuracy unknown</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="30" />
            <source>accurate to ±%1 m</source>
            <translation>accurate to ±%1 m</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="40" />
            <source>Photo GPS ↔ tablet position: %1</source>
            <translation>Photo GPS ↔ tablet position: %1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="43" />
            <source>Chosen point ↔ photo GPS: %1</source>
            <translation>Chosen point ↔ photo GPS: %1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="46" />
            <source>Chosen point ↔ tablet position: %1</source>
            <translation>Chosen point ↔ tablet position: %1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="56" />
            <source>The photo's GPS and the tablet's position are %1 apart (more than %2 m). The case records this for the supervisor; check where the photo was taken.</source>
            <translation>The photo's GPS and the tablet's position are %1 apart (more than %2 m). The case records this for the supervisor; check where the photo was taken.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="109" />
            <source>Use the tablet's position</source>
            <translation>Use the tablet's position</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="112" />
            <source>Enter by hand</source>
            <translation>Enter by hand</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="115" />
            <source>Pick on the map</source>
            <translation>Pick on the map</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="128" />
            <source>Latitude (−90 to 90, north positive)</source>
            <translation>Latitude (−90 to 90, north positive)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="129" />
            <source>Longitude (−180 to 180, east positive)</source>
            <translation>Longitude (−180 to 180, east positive)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="138" />
            <source>Set this location</source>
            <translation>Set this location</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="163" />
            <source>No location yet</source>
            <translation>No location yet</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="164" />
            <source>It fills in from the first photo with GPS or from the tablet's position.</source>
            <translation>It fills in from the first photo with GPS or from the tablet's position.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="195" />
            <source>Enter both latitude and longitude.</source>
            <translation>Enter both latitude and longitude.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="203" />
            <source>Latitude must be between −90 and 90.</source>
            <translation>Latitude must be between −90 and 90.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="205" />
            <source>Longitude must be between −180 and 180.</source>
            <translation>Longitude must be between −180 and 180.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="207" />
            <source>0, 0 is not a position.</source>
            <translation>0, 0 is not a position.</translation>
        </message>
    </context>
    <context>
        <name>LocationPicker</name>
        <message>
            <location filename="../../ui/map/picker.py" line="90" />
            <source>Choose the location on the map</source>
            <translation>Choose the location on the map</translation>
        </message>
        <message>
            <location filename="../../ui/map/picker.py" line="92" />
            <source>Tap where the case is. Drag to move the map; pinch or use + and − to zoom.</source>
            <translation>Tap where the case is. Drag to move the map; pinch or use + and − to zoom.</translation>
        </message>
        <message>
            <location filename="../../ui/map/picker.py" line="94" />
            <source>Tap again to move the pin. Square: the photo's GPS; dot: the tablet's position.</source>
            <translation>Tap again to move the pin. Square: the photo's GPS; dot: the tablet's position.</translation>
        </message>
        <message>
            <location filename="../../ui/map/picker.py" line="96" />
            <source>Use this point</source>
            <translation>Use this point</translation>
        </message>
        <message>
            <location filename="../../ui/map/picker.py" line="97" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/map/picker.py" line="116" />
            <source>Chosen point: %1, %2</source>
            <translation>Chosen point: %1, %2</translation>
        </message>
    </context>
    <context>
        <name>LoginPage</name>
        <message>
            <location filename="../../ui/login_page.py" line="104" />
            <source>Enter your user name and password.</source>
            <translation>Enter your user name and password.</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="108" />
            <source>Logging in…</source>
            <translation>Logging in…</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="125" />
            <source>Logged in offline: the server could not be reached.</source>
            <translation>Logged in offline: the server could not be reached.</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="139" />
            <source>Offline login is allowed for 14 days after the last online login. Connect to the server to log in.</source>
            <translation>Offline login is allowed for 14 days after the last online login. Connect to the server to log in.</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="142" />
            <source>The server cannot be reached, and this user has never logged in online on this tablet.</source>
            <translation>The server cannot be reached, and this user has never logged in online on this tablet.</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="144" />
            <source>Wrong user name or password.</source>
            <translation>Wrong user name or password.</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="156" />
            <location filename="../../ui/login_page.py" line="163" />
            <source>Log in</source>
            <translation>Log in</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="158" />
            <source>Each inspector logs in with their own account; cases belong to the inspector who records them.</source>
            <translation>Each inspector logs in with their own account; cases belong to the inspector who records them.</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="160" />
            <source>Logged in on this tablet before (tap a name):</source>
            <translation>Logged in on this tablet before (tap a name):</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="161" />
            <source>User name</source>
            <translation>User name</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="162" />
            <source>Password</source>
            <translation>Password</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../ui/main_window.py" line="341" />
            <source>Fieldcase — case collection</source>
            <translation>Fieldcase — case collection</translation>
        </message>
    </context>
    <context>
        <name>MapPage</name>
        <message numerus="yes">
            <location filename="../../ui/map/map_page.py" line="96" />
            <source>%n case(s) on the map</source>
            <translation>
                <numerusform>%n case(s) on the map</numerusform>
                <numerusform>%n case(s) on the map</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/map/map_page.py" line="98" />
            <source>The basemap cannot be read: %1</source>
            <translation>The basemap cannot be read: %1</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_page.py" line="100" />
            <source>No basemap is set up on this tablet: cases show on a plain background.</source>
            <translation>No basemap is set up on this tablet: cases show on a plain background.</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_page.py" line="102" />
            <source>Loading…</source>
            <translation>Loading…</translation>
        </message>
    </context>
    <context>
        <name>MapView</name>
        <message>
            <location filename="../../ui/map/map_view.py" line="153" />
            <location filename="../../ui/map/map_view.py" line="154" />
            <source>Zoom in</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="155" />
            <location filename="../../ui/map/map_view.py" line="156" />
            <source>Zoom out</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="157" />
            <location filename="../../ui/map/map_view.py" line="158" />
            <source>Go to the tablet's position</source>
            <translation>Go to the tablet's position</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="169" />
            <source>Returned</source>
            <translation>Returned</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="170" />
            <source>To verify</source>
            <translation>To verify</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="171" />
            <source>Draft</source>
            <translation>Draft</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="172" />
            <source>Submitted</source>
            <translation>Submitted</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="173" />
            <source>Under way</source>
            <translation>Under way</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="174" />
            <source>Done</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="175" />
            <source>Rejected or duplicate</source>
            <translation>Rejected or duplicate</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="705" />
            <source>%1 km</source>
            <translation>%1 km</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="707" />
            <source>%1 m</source>
            <translation>%1 m</translation>
        </message>
    </context>
    <context>
        <name>NewCasePage</name>
        <message>
            <location filename="../../ui/new_case.py" line="548" />
            <source>New case: what did you find?</source>
            <translation>New case: what did you find?</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="549" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="555" />
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="558" />
            <source>Photos</source>
            <translation>Photos</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="559" />
            <source>Tap a photo to set its kind of shot; tap it twice to view it.</source>
            <translation>Tap a photo to set its kind of shot; tap it twice to view it.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="560" />
            <source>No photos yet: take them or import them below.</source>
            <translation>No photos yet: take them or import them below.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="561" />
            <source>Kind of shot of the selected photo</source>
            <translation>Kind of shot of the selected photo</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="562" />
            <source>Take a photo</source>
            <translation>Take a photo</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="563" />
            <source>From files</source>
            <translation>From files</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="564" />
            <source>From a folder</source>
            <translation>From a folder</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="565" />
            <source>From a memory card</source>
            <translation>From a memory card</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="566" />
            <source>Cancel import</source>
            <translation>Cancel import</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="567" />
            <source>Location</source>
            <translation>Location</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="568" />
            <source>Address</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="569" />
            <source>Street, number, landmark</source>
            <translation>Street, number, landmark</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="570" />
            <source>Open that case</source>
            <translation>Open that case</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="571" />
            <source>What was seen</source>
            <translation>What was seen</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="572" />
            <source>Subtype</source>
            <translation>Subtype</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="573" />
            <source>Hazard level</source>
            <translation>Hazard level</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="574" />
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="575" />
            <source>What you saw, in a few sentences</source>
            <translation>What you saw, in a few sentences</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="576" />
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="577" />
            <source>The party</source>
            <translation>The party</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="578" />
            <source>Officers present</source>
            <translation>Officers present</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="579" />
            <source>Returned by the reviewer for more evidence:</source>
            <translation>Returned by the reviewer for more evidence:</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="580" />
            <source>Before this case can be submitted:</source>
            <translation>Before this case can be submitted:</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="581" />
            <source>Withdraw draft</source>
            <translation>Withdraw draft</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="582" />
            <source>Save and close</source>
            <translation>Save and close</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="583" />
            <source>Submit</source>
            <translation>Submit</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="684" />
            <source>%1: what is the problem?</source>
            <translation>%1: what is the problem?</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="692" />
            <source>Creating the draft…</source>
            <translation>Creating the draft…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="846" />
            <source>%1 · %2 · hazard: %3</source>
            <translation>%1 · %2 · hazard: %3</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="853" />
            <location filename="../../ui/new_case.py" line="1234" />
            <source>Photos (%1)</source>
            <translation>Photos (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="878" />
            <location filename="../../ui/new_case.py" line="915" />
            <source>Editing…</source>
            <translation>Editing…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="894" />
            <source>Saving…</source>
            <translation>Saving…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="913" />
            <source>Saved %1</source>
            <translation>Saved %1</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="933" />
            <source>Not saved: see the marked field</source>
            <translation>Not saved: see the marked field</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="941" />
            <source>Not saved</source>
            <translation>Not saved</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1043" />
            <source>No positioning on this tablet: the location comes from photos or by hand.</source>
            <translation>No positioning on this tablet: the location comes from photos or by hand.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1050" />
            <source>Waiting for a position fix…</source>
            <translation>Waiting for a position fix…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1052" />
            <source>The tablet's position is not known yet.</source>
            <translation>The tablet's position is not known yet.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1058" />
            <source>Tablet position %1, %2 (%3) at %4</source>
            <translation>Tablet position %1, %2 (%3) at %4</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1157" />
            <source>Possible duplicate of %1 (%2): %3 away, created %4.</source>
            <translation>Possible duplicate of %1 (%2): %3 away, created %4.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1164" />
            <source>Other cases nearby: %1.</source>
            <translation>Other cases nearby: %1.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1194" />
            <source>No camera found on this tablet. Import photos from files or a memory card instead.</source>
            <translation>No camera found on this tablet. Import photos from files or a memory card instead.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1224" />
            <source>Choose a folder of photos</source>
            <translation>Choose a folder of photos</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1224" />
            <source>Choose photos</source>
            <translation>Choose photos</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1234" />
            <source>All files (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1247" />
            <source>Looking for a memory card…</source>
            <translation>Looking for a memory card…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1255" />
            <source>No memory card with photos (a DCIM folder) was found. Insert the card and try again.</source>
            <translation>No memory card with photos (a DCIM folder) was found. Insert the card and try again.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1259" />
            <source>Memory card found: %1. Choose the photos of this case.</source>
            <translation>Memory card found: %1. Choose the photos of this case.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1288" />
            <source>No photos found there.</source>
            <translation>No photos found there.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1361" />
            <source>Cancelling…</source>
            <translation>Cancelling…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1374" />
            <source>%1 of %2</source>
            <translation>%1 of %2</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1384" />
            <source>Photos added: %1.</source>
            <translation>Photos added: %1.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1387" />
            <source>Already in this case: %1.</source>
            <translation>Already in this case: %1.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1389" />
            <source>Import cancelled; not imported: %1.</source>
            <translation>Import cancelled; not imported: %1.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1393" />
            <source>Files that could not be used (%1):</source>
            <translation>Files that could not be used (%1):</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1453" />
            <source>Wait for the import to finish.</source>
            <translation>Wait for the import to finish.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1476" />
            <source>Not submitted: see what is missing</source>
            <translation>Not submitted: see what is missing</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1496" />
            <source>Withdraw this draft?</source>
            <translation>Withdraw this draft?</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1497" />
            <source>The draft %1 and its photos will be removed from the case list. This cannot be undone.</source>
            <translation>The draft %1 and its photos will be removed from the case list. This cannot be undone.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1500" />
            <source>Withdraw</source>
            <translation>Withdraw</translation>
        </message>
    </context>
    <context>
        <name>OfficersEditor</name>
        <message>
            <location filename="../../ui/widgets/officers.py" line="80" />
            <source>Add an officer</source>
            <translation>Add an officer</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="91" />
            <source>At least %1 officers with enforcement certificates must be recorded.</source>
            <translation>At least %1 officers with enforcement certificates must be recorded.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="96" />
            <source>Officers present (optional).</source>
            <translation>Officers present (optional).</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="114" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="115" />
            <source>Enforcement certificate number</source>
            <translation>Enforcement certificate number</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="116" />
            <location filename="../../ui/widgets/officers.py" line="117" />
            <source>Remove this officer</source>
            <translation>Remove this officer</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="144" />
            <source>Each officer needs a name and a certificate number.</source>
            <translation>Each officer needs a name and a certificate number.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="152" />
            <source>The same certificate number is listed twice.</source>
            <translation>The same certificate number is listed twice.</translation>
        </message>
    </context>
    <context>
        <name>PhotoViewer</name>
        <message>
            <location filename="../../ui/photo_viewer.py" line="237" />
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="247" />
            <source>Previous photo</source>
            <translation>Previous photo</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="248" />
            <source>Next photo</source>
            <translation>Next photo</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="249" />
            <source>Zoom out</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="250" />
            <source>Zoom in</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="251" />
            <source>Fit to screen</source>
            <translation>Fit to screen</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="327" />
            <source>Photo %1 of %2</source>
            <translation>Photo %1 of %2</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="344" />
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="348" />
            <source>Kind: %1</source>
            <translation>Kind: %1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="349" />
            <source>Taken: %1</source>
            <translation>Taken: %1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="350" />
            <source>GPS: %1</source>
            <translation>GPS: %1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="351" />
            <source>Size: %1 × %2 px, %3 MB</source>
            <translation>Size: %1 × %2 px, %3 MB</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="355" />
            <source>Camera: %1</source>
            <translation>Camera: %1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="358" />
            <source>Note: %1</source>
            <translation>Note: %1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="359" />
            <source>SHA-256:</source>
            <translation>SHA-256:</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="403" />
            <source>The photo is not on this tablet (kept on the server).</source>
            <translation>The photo is not on this tablet (kept on the server).</translation>
        </message>
    </context>
    <context>
        <name>PositionProvider</name>
        <message>
            <location filename="../../ui/positioning.py" line="161" />
            <source>This tablet has no positioning.</source>
            <translation>This tablet has no positioning.</translation>
        </message>
        <message>
            <location filename="../../ui/positioning.py" line="178" />
            <source>The tablet does not allow Fieldcase to read its position.</source>
            <translation>The tablet does not allow Fieldcase to read its position.</translation>
        </message>
        <message>
            <location filename="../../ui/positioning.py" line="180" />
            <source>The positioning receiver was disconnected.</source>
            <translation>The positioning receiver was disconnected.</translation>
        </message>
        <message>
            <location filename="../../ui/positioning.py" line="182" />
            <source>No position fix yet (under a roof or between tall buildings?).</source>
            <translation>No position fix yet (under a roof or between tall buildings?).</translation>
        </message>
        <message>
            <location filename="../../ui/positioning.py" line="184" />
            <location filename="../../ui/positioning.py" line="188" />
            <source>The positioning receiver failed.</source>
            <translation>The positioning receiver failed.</translation>
        </message>
    </context>
    <context>
        <name>ProvisionDialog</name>
        <message>
            <location filename="../../ui/provision_dialog.py" line="234" />
            <location filename="../../ui/provision_dialog.py" line="272" />
            <source>Set up this tablet</source>
            <translation>Set up this tablet</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="235" />
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="236" />
            <location filename="../../ui/provision_dialog.py" line="330" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="237" />
            <source>Apply</source>
            <translation>Apply</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="238" />
            <source>Try again</source>
            <translation>Try again</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="239" />
            <source>Done</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="242" />
            <source>IT gives each tablet a provisioning file and its QR code. Scan the QR code with the camera, or choose the file: the .json file, or a picture of the QR code.</source>
            <translation>IT gives each tablet a provisioning file and its QR code. Scan the QR code with the camera, or choose the file: the .json file, or a picture of the QR code.</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="246" />
            <source>Scan the QR code with the camera</source>
            <translation>Scan the QR code with the camera</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="247" />
            <source>This tablet has no camera: choose the file instead.</source>
            <translation>This tablet has no camera: choose the file instead.</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="248" />
            <source>Choose a file…</source>
            <translation>Choose a file…</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="249" />
            <source>The provisioning file says:</source>
            <translation>The provisioning file says:</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="250" />
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="251" />
            <source>District</source>
            <translation>District</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="252" />
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="253" />
            <source>Certificate (SHA-256)</source>
            <translation>Certificate (SHA-256)</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="256" />
            <source>Applying sets this tablet up for this server and enrolls it now if the server can be reached, otherwise at the next sync. The one-time code can be used only once.</source>
            <translation>Applying sets this tablet up for this server and enrolls it now if the server can be reached, otherwise at the next sync. The one-time code can be used only once.</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="263" />
            <source>(the server decides)</source>
            <translation>(the server decides)</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="268" />
            <source>Not pinned: the system's certificate authorities are trusted</source>
            <translation>Not pinned: the system's certificate authorities are trusted</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="270" />
            <source>None: the connection is not encrypted (http)</source>
            <translation>None: the connection is not encrypted (http)</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="273" />
            <source>Reading the QR code…</source>
            <translation>Reading the QR code…</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="274" />
            <source>Apply this provisioning file?</source>
            <translation>Apply this provisioning file?</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="275" />
            <source>Setting up…</source>
            <translation>Setting up…</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="276" />
            <source>This tablet is set up</source>
            <translation>This tablet is set up</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="277" />
            <source>Saved: the tablet enrolls when the server can be reached</source>
            <translation>Saved: the tablet enrolls when the server can be reached</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="278" />
            <source>Not set up</source>
            <translation>Not set up</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="282" />
            <source>Looking for the QR code in the picture…</source>
            <translation>Looking for the QR code in the picture…</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="284" />
            <source>Enrolling with %1…</source>
            <translation>Enrolling with %1…</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="292" />
            <source>Enrolled with %1. Inspectors can now log in on this tablet.</source>
            <translation>Enrolled with %1. Inspectors can now log in on this tablet.</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="294" />
            <source>Device: %1</source>
            <translation>Device: %1</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="298" />
            <source>The settings are saved, but %1 cannot be reached now. The tablet enrolls by itself at the next sync, when the network is back.</source>
            <translation>The settings are saved, but %1 cannot be reached now. The tablet enrolls by itself at the next sync, when the network is back.</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="304" />
            <source>Nothing was changed on this tablet.</source>
            <translation>Nothing was changed on this tablet.</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="309" />
            <source>Details: %1</source>
            <translation>Details: %1</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="325" />
            <source>Scan the QR code</source>
            <translation>Scan the QR code</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="328" />
            <source>Hold the QR code in the middle of the picture, then take the photo.</source>
            <translation>Hold the QR code in the middle of the picture, then take the photo.</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="329" />
            <source>Take the photo</source>
            <translation>Take the photo</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="341" />
            <source>Choose the provisioning file</source>
            <translation>Choose the provisioning file</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="346" />
            <source>Provisioning files and QR code pictures (%1)</source>
            <translation>Provisioning files and QR code pictures (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="349" />
            <source>All files (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="420" />
            <source>The server refused the enrollment code: it has been used already or has expired. Ask IT for a new provisioning file.</source>
            <translation>The server refused the enrollment code: it has been used already or has expired. Ask IT for a new provisioning file.</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="424" />
            <source>The server did not accept this tablet.</source>
            <translation>The server did not accept this tablet.</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="427" />
            <source>No QR code was found in the picture. Hold the tablet steady with the whole code in the middle of the picture, or choose the file instead.</source>
            <translation>No QR code was found in the picture. Hold the tablet steady with the whole code in the middle of the picture, or choose the file instead.</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="431" />
            <source>The picture cannot be read. Use a PNG or JPEG picture of the QR code.</source>
            <translation>The picture cannot be read. Use a PNG or JPEG picture of the QR code.</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="433" />
            <source>This is not a provisioning file this tablet can use.</source>
            <translation>This is not a provisioning file this tablet can use.</translation>
        </message>
    </context>
    <context>
        <name>QueuePage</name>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="301" />
            <location filename="../../ui/desk/queue_page.py" line="655" />
            <source>any kind</source>
            <translation>any kind</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="354" />
            <source>Loading…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="376" />
            <source>Newest first (this server cannot sort urgent-first yet).</source>
            <translation>Newest first (this server cannot sort urgent-first yet).</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="395" />
            <source>%1 cases shown</source>
            <translation>%1 cases shown</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="447" />
            <source>Connected again.</source>
            <translation>Connected again.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="480" />
            <source>New urgent case: %1 at %2</source>
            <translation>New urgent case: %1 at %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="484" />
            <source>New case dispatched to you: %1 at %2</source>
            <translation>New case dispatched to you: %1 at %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="489" />
            <source>(and %1 more)</source>
            <translation>(and %1 more)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="516" />
            <source>Dispatch selected (%1)</source>
            <translation>Dispatch selected (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="547" />
            <source>Dispatching %1 cases…</source>
            <translation>Dispatching %1 cases…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="559" />
            <source>%1: dispatched to %2</source>
            <translation>%1: dispatched to %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="566" />
            <source>%1: not dispatched — %2</source>
            <translation>%1: not dispatched — %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="571" />
            <source>Dispatched %1 of %2.</source>
            <translation>Dispatched %1 of %2.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="588" />
            <source>Reassign selected (%1)…</source>
            <translation>Reassign selected (%1)…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="592" />
            <source>Reassign all open cases of %1…</source>
            <translation>Reassign all open cases of %1…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="623" />
            <source>Export cases as CSV</source>
            <translation>Export cases as CSV</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="633" />
            <source>Exporting…</source>
            <translation>Exporting…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="638" />
            <source>%1 cases exported to %2</source>
            <translation>%1 cases exported to %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="648" />
            <source>Waiting for a decision</source>
            <translation>Waiting for a decision</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="648" />
            <source>All states</source>
            <translation>All states</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="650" />
            <source>To dispose of</source>
            <translation>To dispose of</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="650" />
            <source>Disposed</source>
            <translation>Disposed</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="650" />
            <source>All</source>
            <translation>All</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="654" />
            <source>any type</source>
            <translation>any type</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="656" />
            <source>all my districts</source>
            <translation>all my districts</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="657" />
            <source>inspector</source>
            <translation>inspector</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="658" />
            <source>Search code, number, address</source>
            <translation>Search code, number, address</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="659" />
            <source>overdue only</source>
            <translation>overdue only</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="660" />
            <source>Show</source>
            <translation>Show</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="661" />
            <source>Refresh</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="662" />
            <source>Export CSV…</source>
            <translation>Export CSV…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="663" />
            <source>No cases match these filters.</source>
            <translation>No cases match these filters.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="667" />
            <source>Give the field work of the selected cases to another inspector</source>
            <translation>Give the field work of the selected cases to another inspector</translation>
        </message>
    </context>
    <context>
        <name>Reassign</name>
        <message>
            <location filename="../../ui/desk/reassign.py" line="44" />
            <source>not found, or outside your districts</source>
            <translation>not found, or outside your districts</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="48" />
            <source>the case is %1: nothing is left to do in the field</source>
            <translation>the case is %1: nothing is left to do in the field</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="52" />
            <source>%1 is not an inspector of this case's district</source>
            <translation>%1 is not an inspector of this case's district</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="56" />
            <source>someone else changed the case at the same moment; try again</source>
            <translation>someone else changed the case at the same moment; try again</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="66" />
            <source>%1: reassigned from %2 to %3</source>
            <translation>%1: reassigned from %2 to %3</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="72" />
            <source>%1: already with %2</source>
            <translation>%1: already with %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="74" />
            <source>%1: not reassigned — %2</source>
            <translation>%1: not reassigned — %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="84" />
            <source>This inspector's account is disabled.</source>
            <translation>This inspector's account is disabled.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="85" />
            <source>Field work goes to inspectors only.</source>
            <translation>Field work goes to inspectors only.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="86" />
            <source>There is no such user.</source>
            <translation>There is no such user.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="362" />
            <source>Reassigned %1 of %2 cases to %3.</source>
            <translation>Reassigned %1 of %2 cases to %3.</translation>
        </message>
    </context>
    <context>
        <name>ReassignDialog</name>
        <message>
            <location filename="../../ui/desk/reassign.py" line="174" />
            <source>Reassign the open cases of %1</source>
            <translation>Reassign the open cases of %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="177" />
            <source>Every open case %1 holds in your districts goes to another inspector of the case's district. %1 stays on record as the reporter.</source>
            <translation>Every open case %1 holds in your districts goes to another inspector of the case's district. %1 stays on record as the reporter.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="183" />
            <source>Reassign %1 cases</source>
            <translation>Reassign %1 cases</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="185" />
            <source>The field work of these %1 cases (returned cases, verification tasks) goes to another inspector. The reporting inspector stays on record.</source>
            <translation>The field work of these %1 cases (returned cases, verification tasks) goes to another inspector. The reporting inspector stays on record.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="189" />
            <source>%1 closed, rejected or duplicate cases are left out.</source>
            <translation>%1 closed, rejected or duplicate cases are left out.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="193" />
            <source>To inspector:</source>
            <translation>To inspector:</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="194" />
            <source>Why (kept in each case's audit trail):</source>
            <translation>Why (kept in each case's audit trail):</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="196" />
            <source>Reassign</source>
            <translation>Reassign</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="197" />
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="197" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="207" />
            <source>Loading the inspectors…</source>
            <translation>Loading the inspectors…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="225" />
            <source>%1 (districts %2; %3 open cases)</source>
            <translation>%1 (districts %2; %3 open cases)</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="232" />
            <source>— not in %1</source>
            <translation>— not in %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="238" />
            <source>No other inspector works in these districts.</source>
            <translation>No other inspector works in these districts.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="240" />
            <source>Choose the inspector who takes the work over.</source>
            <translation>Choose the inspector who takes the work over.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="259" />
            <source>Checking what would move…</source>
            <translation>Checking what would move…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="279" />
            <source>%1 cases will move to %2.</source>
            <translation>%1 cases will move to %2.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="282" />
            <source>%1 are already with %2.</source>
            <translation>%1 are already with %2.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="284" />
            <source>%1 cannot move:</source>
            <translation>%1 cannot move:</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="287" />
            <source>%1 holds no open case in your districts.</source>
            <translation>%1 holds no open case in your districts.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="303" />
            <source>Say why the work is reassigned.</source>
            <translation>Say why the work is reassigned.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="305" />
            <source>At most %1 characters.</source>
            <translation>At most %1 characters.</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="317" />
            <source>Reassigning…</source>
            <translation>Reassigning…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="340" />
            <source>Reassigned %1 of %2 cases to %3.</source>
            <translation>Reassigned %1 of %2 cases to %3.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../ui/settings_dialog.py" line="248" />
            <location filename="../../ui/settings_dialog.py" line="249" />
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="250" />
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="251" />
            <source>Theme</source>
            <translation>Theme</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="252" />
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="253" />
            <source>Sunlight (high contrast)</source>
            <translation>Sunlight (high contrast)</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="254" />
            <location filename="../../ui/settings_dialog.py" line="307" />
            <source>Data folder</source>
            <translation>Data folder</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="255" />
            <source>Change…</source>
            <translation>Change…</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="256" />
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="257" />
            <source>Inspector</source>
            <translation>Inspector</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="258" />
            <source>Log out / switch inspector</source>
            <translation>Log out / switch inspector</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="259" />
            <source>Set up from a QR code or provisioning file…</source>
            <translation>Set up from a QR code or provisioning file…</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="264" />
            <source>%1 (enrolls when the server can be reached)</source>
            <translation>%1 (enrolls when the server can be reached)</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="267" />
            <source>Not set up with a server yet: ask IT for its QR code.</source>
            <translation>Not set up with a server yet: ask IT for its QR code.</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="268" />
            <source>Nobody is logged in</source>
            <translation>Nobody is logged in</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="269" />
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="270" />
            <source>Done</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="294" />
            <source>Fieldcase will use %1 from its next start.</source>
            <translation>Fieldcase will use %1 from its next start.</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="296" />
            <source>Where cases and photos are kept on this tablet.</source>
            <translation>Where cases and photos are kept on this tablet.</translation>
        </message>
    </context>
    <context>
        <name>States</name>
        <message>
            <location filename="../../ui/errors.py" line="28" />
            <source>draft</source>
            <translation>draft</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="29" />
            <source>submitted</source>
            <translation>submitted</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="30" />
            <source>received</source>
            <translation>received</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="31" />
            <source>returned for more evidence</source>
            <translation>returned for more evidence</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="32" />
            <source>rejected</source>
            <translation>rejected</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="33" />
            <source>duplicate</source>
            <translation>duplicate</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="34" />
            <source>filed</source>
            <translation>filed</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="35" />
            <source>dispatched</source>
            <translation>dispatched</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="36" />
            <source>disposed (to verify)</source>
            <translation>disposed (to verify)</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="37" />
            <source>verified</source>
            <translation>verified</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="38" />
            <source>closed</source>
            <translation>closed</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../../ui/status_bar.py" line="234" />
            <source>Inspector: %1</source>
            <translation>Inspector: %1</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="236" />
            <source>Server: —</source>
            <translation>Server: —</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="238" />
            <source>Online</source>
            <translation>Online</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="240" />
            <source>Offline: will retry</source>
            <translation>Offline: will retry</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="245" />
            <location filename="../../ui/status_bar.py" line="246" />
            <source>Sync now</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="247" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="248" />
            <source>Cancel the sync</source>
            <translation>Cancel the sync</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="249" />
            <source>Stopping…</source>
            <translation>Stopping…</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="273" />
            <source>Cases %1/%2</source>
            <translation>Cases %1/%2</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="266" />
            <source>Photos %1/%2 MB</source>
            <translation>Photos %1/%2 MB</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="258" />
            <source>Syncing…</source>
            <translation>Syncing…</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="243" />
            <source>Waiting to sync: %1</source>
            <translation>Waiting to sync: %1</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="244" />
            <source>Last sync: %1</source>
            <translation>Last sync: %1</translation>
        </message>
    </context>
    <context>
        <name>SyncBanner</name>
        <message>
            <location filename="../../ui/main_window.py" line="162" />
            <source>Login expired: log in again to sync. Your cases are safe on this tablet.</source>
            <translation>Login expired: log in again to sync. Your cases are safe on this tablet.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/main_window.py" line="165" />
            <source>%n case(s) refused by the server: open each one to see why.</source>
            <translation>
                <numerusform>%n case refused by the server: open it to see why.</numerusform>
                <numerusform>%n cases refused by the server: open each one to see why.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="168" />
            <source>Sync did not finish: the server had a problem. Fieldcase will try again by itself.</source>
            <translation>Sync did not finish: the server had a problem. Fieldcase will try again by itself.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="170" />
            <source>Sync failed unexpectedly; it has been written to the log. Fieldcase will try again.</source>
            <translation>Sync failed unexpectedly; it has been written to the log. Fieldcase will try again.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="174" />
            <source>Log in again</source>
            <translation>Log in again</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="174" />
            <source>Show them</source>
            <translation>Show them</translation>
        </message>
    </context>
    <context>
        <name>VerifyPanel</name>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="136" />
            <source>Verify on site</source>
            <translation>Verify on site</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="139" />
            <source>The unit reports this case as disposed. Check it on site, take after-disposal photos, then confirm that it is done or dispute it.</source>
            <translation>The unit reports this case as disposed. Check it on site, take after-disposal photos, then confirm that it is done or dispute it.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="143" />
            <source>After-disposal photos</source>
            <translation>After-disposal photos</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="144" />
            <source>Take a photo</source>
            <translation>Take a photo</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="145" />
            <source>From files</source>
            <translation>From files</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="146" />
            <source>Remove photos</source>
            <translation>Remove photos</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="147" />
            <source>No camera found on this tablet. Add photos from files instead.</source>
            <translation>No camera found on this tablet. Add photos from files instead.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="148" />
            <source>Note (required to dispute)</source>
            <translation>Note (required to dispute)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="149" />
            <source>What you found on site</source>
            <translation>What you found on site</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="150" />
            <source>Dispute: not done</source>
            <translation>Dispute: not done</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="151" />
            <source>Confirm: disposal done</source>
            <translation>Confirm: disposal done</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="191" />
            <source>Photos to add: %1</source>
            <translation>Photos to add: %1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="193" />
            <source>No photos yet: at least one is needed.</source>
            <translation>No photos yet: at least one is needed.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="240" />
            <source>Choose after-disposal photos</source>
            <translation>Choose after-disposal photos</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="244" />
            <source>Photos (%1)</source>
            <translation>Photos (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="244" />
            <source>All files (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="288" />
            <source>Add at least one after-disposal photo first.</source>
            <translation>Add at least one after-disposal photo first.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="291" />
            <source>To dispute, write in the note what is still not done.</source>
            <translation>To dispute, write in the note what is still not done.</translation>
        </message>
    </context>
</TS>
