<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
            <location filename="../../ui/case_detail.py" line="727" />
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
            <location filename="../../ui/case_detail.py" line="464" />
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
            <location filename="../../ui/case_detail.py" line="468" />
            <source>This case is %1. The reviewer's reason:</source>
            <translation>This case is %1. The reviewer's reason:</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="475" />
            <source>No reason was given.</source>
            <translation>No reason was given.</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="479" />
            <source>Photos (%1)</source>
            <translation>Photos (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="486" />
            <source>Coordinates</source>
            <translation>Coordinates</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="487" />
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="488" />
            <source>Address</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="489" />
            <source>District</source>
            <translation>District</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="495" />
            <source>Hazard level</source>
            <translation>Hazard level</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="496" />
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="497" />
            <source>Observed</source>
            <translation>Observed</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="498" />
            <source>Created</source>
            <translation>Created</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="499" />
            <source>Inspector</source>
            <translation>Inspector</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="500" />
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="501" />
            <source>Sync</source>
            <translation>Sync</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="523" />
            <source>None recorded</source>
            <translation>None recorded</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="594" />
            <source>%1 (×%2)</source>
            <translation>%1 (×%2)</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="675" />
            <source>Tap Edit to add what is missing.</source>
            <translation>Tap Edit to add what is missing.</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="684" />
            <source>Withdraw this draft?</source>
            <translation>Withdraw this draft?</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="685" />
            <source>The draft %1 and its photos will be removed from the case list. This cannot be undone.</source>
            <translation>The draft %1 and its photos will be removed from the case list. This cannot be undone.</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="688" />
            <source>Withdraw</source>
            <translation>Withdraw</translation>
        </message>
    </context>
    <context>
        <name>CaseList</name>
        <message>
            <location filename="../../ui/case_list_view.py" line="61" />
            <source>All</source>
            <translation>All</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="62" />
            <source>Drafts</source>
            <translation>Drafts</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="63" />
            <location filename="../../ui/case_list_view.py" line="91" />
            <source>Waiting to sync</source>
            <translation>Waiting to sync</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="64" />
            <location filename="../../ui/case_list_view.py" line="93" />
            <source>Synced</source>
            <translation>Synced</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="65" />
            <source>Returned for evidence</source>
            <translation>Returned for evidence</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="66" />
            <source>Verification tasks</source>
            <translation>Verification tasks</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="67" />
            <location filename="../../ui/case_list_view.py" line="84" />
            <source>Closed</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="74" />
            <source>Draft</source>
            <translation>Draft</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="75" />
            <source>Submitted</source>
            <translation>Submitted</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="76" />
            <source>Received</source>
            <translation>Received</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="77" />
            <source>Returned</source>
            <translation>Returned</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="78" />
            <source>Rejected</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="79" />
            <source>Duplicate</source>
            <translation>Duplicate</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="80" />
            <source>Filed</source>
            <translation>Filed</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="81" />
            <source>Dispatched</source>
            <translation>Dispatched</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="82" />
            <source>To verify</source>
            <translation>To verify</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="83" />
            <source>Verified</source>
            <translation>Verified</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="90" />
            <source>On tablet</source>
            <translation>On tablet</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="92" />
            <source>Syncing</source>
            <translation>Syncing</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="94" />
            <source>Sync failed</source>
            <translation>Sync failed</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="119" />
            <source>Today %1</source>
            <translation>Today %1</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="121" />
            <source>Yesterday %1</source>
            <translation>Yesterday %1</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="342" />
            <source>(no address)</source>
            <translation>(no address)</translation>
        </message>
    </context>
    <context>
        <name>CaseListPage</name>
        <message>
            <location filename="../../ui/case_list_view.py" line="545" />
            <source>Cases</source>
            <translation>Cases</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="546" />
            <source>Search code, address, description</source>
            <translation>Search code, address, description</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="547" />
            <source>Search</source>
            <translation>Search</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="548" />
            <location filename="../../ui/case_list_view.py" line="549" />
            <source>Clear search</source>
            <translation>Clear search</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="550" />
            <location filename="../../ui/case_list_view.py" line="662" />
            <source>New case</source>
            <translation>New case</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="551" />
            <location filename="../../ui/case_list_view.py" line="552" />
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="553" />
            <source>Loading cases…</source>
            <translation>Loading cases…</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="649" />
            <source>No cases here</source>
            <translation>No cases here</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="651" />
            <source>No cases match “%1”</source>
            <translation>No cases match “%1”</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="654" />
            <source>Try other words, or another filter.</source>
            <translation>Try other words, or another filter.</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="655" />
            <source>Show all cases</source>
            <translation>Show all cases</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="660" />
            <source>No cases yet</source>
            <translation>No cases yet</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="661" />
            <source>Tap New case to record the first one.</source>
            <translation>Tap New case to record the first one.</translation>
        </message>
    </context>
    <context>
        <name>DiskBanner</name>
        <message>
            <location filename="../../ui/main_window.py" line="92" />
            <source>Only %1 MB free on this tablet: new photos may soon fail to save. Sync, then free some space.</source>
            <translation>Only %1 MB free on this tablet: new photos may soon fail to save. Sync, then free some space.</translation>
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
            <location filename="../../ui/widgets/labels.py" line="282" />
            <source>photo details</source>
            <translation>photo details</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="285" />
            <source>Changed: %1</source>
            <translation>Changed: %1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="290" />
            <source>Location taken from a photo's GPS</source>
            <translation>Location taken from a photo's GPS</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="295" />
            <source>Repeats case %1</source>
            <translation>Repeats case %1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="297" />
            <source>Revision %1</source>
            <translation>Revision %1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="302" />
            <source>unknown</source>
            <translation>unknown</translation>
        </message>
    </context>
    <context>
        <name>LocationPanel</name>
        <message>
            <location filename="../../ui/widgets/location.py" line="28" />
            <source>accuracy unknown</source>
            <translation>accuracy unknown</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="29" />
            <source>accurate to ±%1 m</source>
            <translation>accurate to ±%1 m</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="65" />
            <source>Use the tablet's position</source>
            <translation>Use the tablet's position</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="68" />
            <source>Enter by hand</source>
            <translation>Enter by hand</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="81" />
            <source>Latitude (−90 to 90, north positive)</source>
            <translation>Latitude (−90 to 90, north positive)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="82" />
            <source>Longitude (−180 to 180, east positive)</source>
            <translation>Longitude (−180 to 180, east positive)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="91" />
            <source>Set this location</source>
            <translation>Set this location</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="116" />
            <source>No location yet</source>
            <translation>No location yet</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="117" />
            <source>It fills in from the first photo with GPS or from the tablet's position.</source>
            <translation>It fills in from the first photo with GPS or from the tablet's position.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="139" />
            <source>Enter both latitude and longitude.</source>
            <translation>Enter both latitude and longitude.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="147" />
            <source>Latitude must be between −90 and 90.</source>
            <translation>Latitude must be between −90 and 90.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="149" />
            <source>Longitude must be between −180 and 180.</source>
            <translation>Longitude must be between −180 and 180.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="151" />
            <source>0, 0 is not a position.</source>
            <translation>0, 0 is not a position.</translation>
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
            <location filename="../../ui/main_window.py" line="280" />
            <source>Fieldcase — case collection</source>
            <translation>Fieldcase — case collection</translation>
        </message>
    </context>
    <context>
        <name>NewCasePage</name>
        <message>
            <location filename="../../ui/new_case.py" line="544" />
            <source>New case: what did you find?</source>
            <translation>New case: what did you find?</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="545" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="551" />
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="554" />
            <source>Photos</source>
            <translation>Photos</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="555" />
            <source>Tap a photo to set its kind of shot; tap it twice to view it.</source>
            <translation>Tap a photo to set its kind of shot; tap it twice to view it.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="556" />
            <source>No photos yet: take them or import them below.</source>
            <translation>No photos yet: take them or import them below.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="557" />
            <source>Kind of shot of the selected photo</source>
            <translation>Kind of shot of the selected photo</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="558" />
            <source>Take a photo</source>
            <translation>Take a photo</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="559" />
            <source>From files</source>
            <translation>From files</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="560" />
            <source>From a folder</source>
            <translation>From a folder</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="561" />
            <source>From a memory card</source>
            <translation>From a memory card</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="562" />
            <source>Cancel import</source>
            <translation>Cancel import</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="563" />
            <source>Location</source>
            <translation>Location</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="564" />
            <source>Address</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="565" />
            <source>Street, number, landmark</source>
            <translation>Street, number, landmark</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="566" />
            <source>Open that case</source>
            <translation>Open that case</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="567" />
            <source>What was seen</source>
            <translation>What was seen</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="568" />
            <source>Subtype</source>
            <translation>Subtype</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="569" />
            <source>Hazard level</source>
            <translation>Hazard level</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="570" />
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="571" />
            <source>What you saw, in a few sentences</source>
            <translation>What you saw, in a few sentences</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="572" />
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="573" />
            <source>The party</source>
            <translation>The party</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="574" />
            <source>Officers present</source>
            <translation>Officers present</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="575" />
            <source>Returned by the reviewer for more evidence:</source>
            <translation>Returned by the reviewer for more evidence:</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="576" />
            <source>Before this case can be submitted:</source>
            <translation>Before this case can be submitted:</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="577" />
            <source>Withdraw draft</source>
            <translation>Withdraw draft</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="578" />
            <source>Save and close</source>
            <translation>Save and close</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="579" />
            <source>Submit</source>
            <translation>Submit</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="679" />
            <source>%1: what is the problem?</source>
            <translation>%1: what is the problem?</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="687" />
            <source>Creating the draft…</source>
            <translation>Creating the draft…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="841" />
            <source>%1 · %2 · hazard: %3</source>
            <translation>%1 · %2 · hazard: %3</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="848" />
            <location filename="../../ui/new_case.py" line="1163" />
            <source>Photos (%1)</source>
            <translation>Photos (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="872" />
            <location filename="../../ui/new_case.py" line="909" />
            <source>Editing…</source>
            <translation>Editing…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="888" />
            <source>Saving…</source>
            <translation>Saving…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="907" />
            <source>Saved %1</source>
            <translation>Saved %1</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="926" />
            <source>Not saved: see the marked field</source>
            <translation>Not saved: see the marked field</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="934" />
            <source>Not saved</source>
            <translation>Not saved</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1035" />
            <source>No positioning on this tablet: the location comes from photos or by hand.</source>
            <translation>No positioning on this tablet: the location comes from photos or by hand.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1042" />
            <source>Waiting for a position fix…</source>
            <translation>Waiting for a position fix…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1044" />
            <source>The tablet's position is not known yet.</source>
            <translation>The tablet's position is not known yet.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1050" />
            <source>Tablet position %1, %2 (%3) at %4</source>
            <translation>Tablet position %1, %2 (%3) at %4</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1088" />
            <source>Possible duplicate of %1 (%2): %3 away, created %4.</source>
            <translation>Possible duplicate of %1 (%2): %3 away, created %4.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1095" />
            <source>Other cases nearby: %1.</source>
            <translation>Other cases nearby: %1.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1125" />
            <source>No camera found on this tablet. Import photos from files or a memory card instead.</source>
            <translation>No camera found on this tablet. Import photos from files or a memory card instead.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1153" />
            <source>Choose a folder of photos</source>
            <translation>Choose a folder of photos</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1153" />
            <source>Choose photos</source>
            <translation>Choose photos</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1163" />
            <source>All files (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1176" />
            <source>Looking for a memory card…</source>
            <translation>Looking for a memory card…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1184" />
            <source>No memory card with photos (a DCIM folder) was found. Insert the card and try again.</source>
            <translation>No memory card with photos (a DCIM folder) was found. Insert the card and try again.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1188" />
            <source>Memory card found: %1. Choose the photos of this case.</source>
            <translation>Memory card found: %1. Choose the photos of this case.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1217" />
            <source>No photos found there.</source>
            <translation>No photos found there.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1288" />
            <source>Cancelling…</source>
            <translation>Cancelling…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1301" />
            <source>%1 of %2</source>
            <translation>%1 of %2</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1311" />
            <source>Photos added: %1.</source>
            <translation>Photos added: %1.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1314" />
            <source>Already in this case: %1.</source>
            <translation>Already in this case: %1.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1316" />
            <source>Import cancelled; not imported: %1.</source>
            <translation>Import cancelled; not imported: %1.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1320" />
            <source>Files that could not be used (%1):</source>
            <translation>Files that could not be used (%1):</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1380" />
            <source>Wait for the import to finish.</source>
            <translation>Wait for the import to finish.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1403" />
            <source>Not submitted: see what is missing</source>
            <translation>Not submitted: see what is missing</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1423" />
            <source>Withdraw this draft?</source>
            <translation>Withdraw this draft?</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1424" />
            <source>The draft %1 and its photos will be removed from the case list. This cannot be undone.</source>
            <translation>The draft %1 and its photos will be removed from the case list. This cannot be undone.</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1427" />
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
            <location filename="../../ui/photo_viewer.py" line="232" />
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="242" />
            <source>Previous photo</source>
            <translation>Previous photo</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="243" />
            <source>Next photo</source>
            <translation>Next photo</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="244" />
            <source>Zoom out</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="245" />
            <source>Zoom in</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="246" />
            <source>Fit to screen</source>
            <translation>Fit to screen</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="322" />
            <source>Photo %1 of %2</source>
            <translation>Photo %1 of %2</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="339" />
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="343" />
            <source>Kind: %1</source>
            <translation>Kind: %1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="344" />
            <source>Taken: %1</source>
            <translation>Taken: %1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="345" />
            <source>GPS: %1</source>
            <translation>GPS: %1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="346" />
            <source>Size: %1 × %2 px, %3 MB</source>
            <translation>Size: %1 × %2 px, %3 MB</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="350" />
            <source>Camera: %1</source>
            <translation>Camera: %1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="353" />
            <source>Note: %1</source>
            <translation>Note: %1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="354" />
            <source>SHA-256:</source>
            <translation>SHA-256:</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="393" />
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
        <name>SettingsDialog</name>
        <message>
            <location filename="../../ui/settings_dialog.py" line="212" />
            <location filename="../../ui/settings_dialog.py" line="213" />
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="214" />
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="215" />
            <source>Theme</source>
            <translation>Theme</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="216" />
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="217" />
            <source>Sunlight (high contrast)</source>
            <translation>Sunlight (high contrast)</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="218" />
            <location filename="../../ui/settings_dialog.py" line="260" />
            <source>Data folder</source>
            <translation>Data folder</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="219" />
            <source>Change…</source>
            <translation>Change…</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="220" />
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="221" />
            <source>Inspector</source>
            <translation>Inspector</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="222" />
            <source>Log out / switch inspector</source>
            <translation>Log out / switch inspector</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="223" />
            <source>Nobody is logged in</source>
            <translation>Nobody is logged in</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="224" />
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="225" />
            <source>Done</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="247" />
            <source>Fieldcase will use %1 from its next start.</source>
            <translation>Fieldcase will use %1 from its next start.</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="249" />
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
            <location filename="../../ui/main_window.py" line="152" />
            <source>Login expired: log in again to sync. Your cases are safe on this tablet.</source>
            <translation>Login expired: log in again to sync. Your cases are safe on this tablet.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/main_window.py" line="155" />
            <source>%n case(s) refused by the server: open each one to see why.</source>
            <translation>
                <numerusform>%n case refused by the server: open it to see why.</numerusform>
                <numerusform>%n cases refused by the server: open each one to see why.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="158" />
            <source>Sync did not finish: the server had a problem. Fieldcase will try again by itself.</source>
            <translation>Sync did not finish: the server had a problem. Fieldcase will try again by itself.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="160" />
            <source>Sync failed unexpectedly; it has been written to the log. Fieldcase will try again.</source>
            <translation>Sync failed unexpectedly; it has been written to the log. Fieldcase will try again.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="164" />
            <source>Log in again</source>
            <translation>Log in again</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="164" />
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
