<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>BulkDispatchDialog</name>
        <message>
            <location filename="../../ui/desk/decisions.py" line="327" />
            <source>Dispatch %1 cases</source>
            <translation>派遣 %1 件案件</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="330" />
            <source>Dispatch these cases to a disposal unit:</source>
            <translation>将以下案件派遣给处置单位：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="336" />
            <source>Each to its default unit (from the catalogue)</source>
            <translation>各派往其默认单位（按目录）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="337" />
            <source>All to one unit:</source>
            <translation>全部派往同一单位：</translation>
        </message>
    </context>
    <context>
        <name>CameraDialog</name>
        <message>
            <location filename="../../ui/camera.py" line="180" />
            <location filename="../../ui/camera.py" line="185" />
            <source>Take photos</source>
            <translation>拍照</translation>
        </message>
        <message>
            <location filename="../../ui/camera.py" line="194" />
            <source>No live picture from this camera; each shot is added at once.</source>
            <translation>此相机无实时画面；每拍一张即加入案件。</translation>
        </message>
        <message>
            <location filename="../../ui/camera.py" line="203" />
            <source>Done</source>
            <translation>完成</translation>
        </message>
        <message>
            <location filename="../../ui/camera.py" line="205" />
            <source>Take photo</source>
            <translation>拍摄</translation>
        </message>
        <message>
            <location filename="../../ui/camera.py" line="222" />
            <source>The camera could not take the photo: %1</source>
            <translation>相机未能拍照：%1</translation>
        </message>
        <message>
            <location filename="../../ui/camera.py" line="227" />
            <source>Photos taken: %1. Each one is added to the case.</source>
            <translation>已拍 %1 张，每张都已加入案件。</translation>
        </message>
    </context>
    <context>
        <name>CaseDetailDialog</name>
        <message>
            <location filename="../../ui/case_detail.py" line="756" />
            <source>Case</source>
            <translation>案件</translation>
        </message>
    </context>
    <context>
        <name>CaseDetailPage</name>
        <message>
            <location filename="../../ui/case_detail.py" line="357" />
            <source>Back</source>
            <translation>返回</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="358" />
            <location filename="../../ui/case_detail.py" line="479" />
            <source>Returned by the reviewer for more evidence:</source>
            <translation>审核人员退回补充证据：</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="359" />
            <source>Before this case can be submitted:</source>
            <translation>提交本案件前还需：</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="360" />
            <source>The server refused this case. Its reason:</source>
            <translation>服务器拒收了此案件，原因：</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="361" />
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="362" />
            <source>Location</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="363" />
            <source>The case</source>
            <translation>案件信息</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="364" />
            <source>Details</source>
            <translation>详细情况</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="365" />
            <source>The party</source>
            <translation>当事人</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="366" />
            <source>Officers present</source>
            <translation>在场执法人员</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="367" />
            <source>Timeline</source>
            <translation>办理经过</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="368" />
            <source>Withdraw draft</source>
            <translation>撤回草稿</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="369" />
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="370" />
            <source>Submit</source>
            <translation>提交</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="455" />
            <source>No. %1</source>
            <translation>编号 %1</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="469" />
            <source>Reassigned to %1 on %2: read-only on this tablet.</source>
            <translation>已于 %2 改派给 %1：本平板上仅可查看。</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="474" />
            <source>This tablet keeps the case as it was then; later changes are on the server and on %1's tablet.</source>
            <translation>本平板保留的是改派时的案件情况，此后的变化请在服务器或 %1 的平板上查看。</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="483" />
            <source>This case is %1. The reviewer's reason:</source>
            <translation>本案件状态为%1。审核人员的理由：</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="490" />
            <source>No reason was given.</source>
            <translation>服务器未说明原因。</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="494" />
            <source>Photos (%1)</source>
            <translation>照片（%1）</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="501" />
            <source>Coordinates</source>
            <translation>坐标</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="502" />
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="503" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="504" />
            <source>District</source>
            <translation>辖区</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="510" />
            <source>Hazard level</source>
            <translation>危害等级</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="511" />
            <source>Description</source>
            <translation>情况描述</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="512" />
            <source>Observed</source>
            <translation>发现时间</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="513" />
            <source>Created</source>
            <translation>创建时间</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="514" />
            <source>Inspector</source>
            <translation>巡查员</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="515" />
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="516" />
            <source>Sync</source>
            <translation>同步</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="538" />
            <source>None recorded</source>
            <translation>未记录</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="622" />
            <source>%1 (×%2)</source>
            <translation>%1（×%2）</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="704" />
            <source>Tap Edit to add what is missing.</source>
            <translation>点“编辑”补充缺少的内容。</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="713" />
            <source>Withdraw this draft?</source>
            <translation>撤回这份草稿？</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="714" />
            <source>The draft %1 and its photos will be removed from the case list. This cannot be undone.</source>
            <translation>草稿 %1 及其照片将从案件列表中移除，且无法恢复。</translation>
        </message>
        <message>
            <location filename="../../ui/case_detail.py" line="717" />
            <source>Withdraw</source>
            <translation>撤回</translation>
        </message>
    </context>
    <context>
        <name>CaseList</name>
        <message>
            <location filename="../../ui/case_list_view.py" line="62" />
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="63" />
            <source>Drafts</source>
            <translation>草稿</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="64" />
            <location filename="../../ui/case_list_view.py" line="93" />
            <source>Waiting to sync</source>
            <translation>待同步</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="65" />
            <location filename="../../ui/case_list_view.py" line="95" />
            <source>Synced</source>
            <translation>已同步</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="66" />
            <source>Returned for evidence</source>
            <translation>退回补证</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="67" />
            <source>Verification tasks</source>
            <translation>核查任务</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="68" />
            <location filename="../../ui/case_list_view.py" line="86" />
            <source>Closed</source>
            <translation>已结案</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="69" />
            <source>Reassigned to others</source>
            <translation>已改派他人</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="76" />
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="77" />
            <source>Submitted</source>
            <translation>已提交</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="78" />
            <source>Received</source>
            <translation>已接收</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="79" />
            <source>Returned</source>
            <translation>已退回</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="80" />
            <source>Rejected</source>
            <translation>不予立案</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="81" />
            <source>Duplicate</source>
            <translation>重复案件</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="82" />
            <source>Filed</source>
            <translation>已立案</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="83" />
            <source>Dispatched</source>
            <translation>已派遣</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="84" />
            <source>To verify</source>
            <translation>待核查</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="85" />
            <source>Verified</source>
            <translation>已核查</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="92" />
            <source>On tablet</source>
            <translation>仅在本机</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="94" />
            <source>Syncing</source>
            <translation>同步中</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="96" />
            <source>Sync failed</source>
            <translation>同步失败</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="121" />
            <source>Today %1</source>
            <translation>今天 %1</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="123" />
            <source>Yesterday %1</source>
            <translation>昨天 %1</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="321" />
            <source>Reassigned to %1</source>
            <translation>已改派给 %1</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="353" />
            <source>(no address)</source>
            <translation>（无地址）</translation>
        </message>
    </context>
    <context>
        <name>CaseListPage</name>
        <message>
            <location filename="../../ui/case_list_view.py" line="557" />
            <source>Cases</source>
            <translation>案件</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="558" />
            <source>Search code, address, description</source>
            <translation>搜索编号、地址、描述</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="559" />
            <source>Search</source>
            <translation>搜索</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="560" />
            <location filename="../../ui/case_list_view.py" line="561" />
            <source>Clear search</source>
            <translation>清除搜索</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="562" />
            <location filename="../../ui/case_list_view.py" line="678" />
            <source>New case</source>
            <translation>新建案件</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="563" />
            <location filename="../../ui/case_list_view.py" line="564" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="565" />
            <source>Loading cases…</source>
            <translation>正在载入案件…</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="665" />
            <source>No cases here</source>
            <translation>这里没有案件</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="667" />
            <source>No cases match “%1”</source>
            <translation>没有与“%1”匹配的案件</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="670" />
            <source>Try other words, or another filter.</source>
            <translation>换个关键词或筛选条件试试。</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="671" />
            <source>Show all cases</source>
            <translation>显示全部案件</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="676" />
            <source>No cases yet</source>
            <translation>还没有案件</translation>
        </message>
        <message>
            <location filename="../../ui/case_list_view.py" line="677" />
            <source>Tap New case to record the first one.</source>
            <translation>点“新建案件”记录第一件。</translation>
        </message>
    </context>
    <context>
        <name>CaseView</name>
        <message>
            <location filename="../../ui/desk/case_view.py" line="351" />
            <source>Type: %1 — %2</source>
            <translation>类型：%1 — %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="352" />
            <source>Hazard: %1</source>
            <translation>危害等级：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="353" />
            <source>Case code: %1</source>
            <translation>案件编码：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="354" />
            <source>Official number: %1</source>
            <translation>立案编号：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="354" />
            <source>not filed yet</source>
            <translation>尚未立案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="355" />
            <source>District: %1</source>
            <translation>辖区：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="403" />
            <source>Inspector: %1</source>
            <translation>巡查员：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="357" />
            <source>Observed: %1</source>
            <translation>发现时间：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="358" />
            <source>Received: %1</source>
            <translation>接收时间：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="362" />
            <source>Disposal unit: %1</source>
            <translation>处置单位：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="365" />
            <source>Reworks: %1</source>
            <translation>返工次数：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="367" />
            <source>Review note: %1</source>
            <translation>审核意见：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="374" />
            <source>(±%1 m)</source>
            <translation>（±%1 米）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="376" />
            <source>no location</source>
            <translation>无位置</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="382" />
            <source>Address: %1</source>
            <translation>地址：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="383" />
            <source>Position (WGS-84): %1</source>
            <translation>坐标（WGS-84）：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="384" />
            <source>Grid: %1</source>
            <translation>网格：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="412" />
            <source>No deadlines yet (they start at dispatch).</source>
            <translation>尚无时限（派遣后开始计时）。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="420" />
            <source>met %1</source>
            <translation>已于 %1 完成</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="425" />
            <source>(working hours)</source>
            <translation>（工作时间）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="425" />
            <source>(clock hours)</source>
            <translation>（自然时间）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="426" />
            <source>deferred</source>
            <translation>已延期</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="427" />
            <source>due %1</source>
            <translation>截止 %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="434" />
            <source>Description: %1</source>
            <translation>描述：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="444" />
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="444" />
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="451" />
            <source>Officers:</source>
            <translation>执法人员：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="454" />
            <source>%1, certificate %2</source>
            <translation>%1，执法证号 %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="460" />
            <source>Officers: none recorded</source>
            <translation>执法人员：未记录</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="468" />
            <source>No photos.</source>
            <translation>无照片。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="473" />
            <source>Photos of the disposal (from the unit's report):</source>
            <translation>处置照片（处置单位上报）：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="487" />
            <source>No cases of this type within 100 m.</source>
            <translation>100 米内无同类案件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="524" />
            <source>The audit chain is broken:</source>
            <translation>审计链已断裂：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="539" />
            <source>No decision is open to you in this state.</source>
            <translation>此状态下您无可做的决定。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="623" />
            <source>Sending the decision…</source>
            <translation>正在提交决定…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="633" />
            <source>%1 was not recorded.</source>
            <translation>“%1”未被记录。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="635" />
            <source>The case is shown again as it now stands.</source>
            <translation>已重新显示案件的当前状态。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="651" />
            <source>Save the dossier</source>
            <translation>保存案卷</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="669" />
            <source>Writing the dossier…</source>
            <translation>正在生成案卷…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="672" />
            <source>Dossier saved: %1</source>
            <translation>案卷已保存：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="680" />
            <source>Choose a case in the queue to see it here.</source>
            <translation>在队列中选择一个案件，即可在此查看。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="682" />
            <source>Try again</source>
            <translation>重试</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="683" />
            <source>Case</source>
            <translation>案件</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="684" />
            <source>Deadlines</source>
            <translation>处置时限</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="685" />
            <source>Location</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="686" />
            <source>Inspector's notes and officers</source>
            <translation>巡查员记录与执法人员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="687" />
            <source>Photos (click for full size)</source>
            <translation>照片（点击查看原图）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="688" />
            <source>Nearby cases of the same type (possible duplicates)</source>
            <translation>附近同类案件（可能重复）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="689" />
            <source>Audit trail</source>
            <translation>审计记录</translation>
        </message>
        <message>
            <location filename="../../ui/desk/case_view.py" line="690" />
            <source>Print dossier (PDF)</source>
            <translation>打印案卷（PDF）</translation>
        </message>
    </context>
    <context>
        <name>DecisionDialog</name>
        <message>
            <location filename="../../ui/desk/decisions.py" line="123" />
            <source>What evidence is missing? The inspector sees this note on the tablet.</source>
            <translation>缺少哪些证据？巡查员会在平板上看到此说明。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="124" />
            <source>Why is the case rejected?</source>
            <translation>不予受理的理由？</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="125" />
            <source>What was done on site?</source>
            <translation>现场做了哪些处置？</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="126" />
            <source>Why is the disposal not accepted?</source>
            <translation>为何不认可此次处置？</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="127" />
            <source>Why is the deadline moved (the agreement)?</source>
            <translation>延期理由（协商结果）？</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="136" />
            <source>The case this one repeats (a nearby case, or its ID):</source>
            <translation>与之重复的案件（附近案件或其 ID）：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="156" />
            <source>Disposal unit (the catalogue's default is preselected):</source>
            <translation>处置单位（已预选目录默认单位）：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="162" />
            <source>(default)</source>
            <translation>（默认）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="171" />
            <source>Milestone:</source>
            <translation>时限节点：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="175" />
            <source>every open deadline</source>
            <translation>所有未完成的时限</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="182" />
            <source>Extra hours on the milestone's clock:</source>
            <translation>按节点计时方式延长小时数：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="183" />
            <source>A new due time:</source>
            <translation>新的截止时间：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="205" />
            <source>Photos after disposal:</source>
            <translation>处置后照片：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="210" />
            <source>Add photos…</source>
            <translation>添加照片…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="229" />
            <source>File case %1? The server gives it its official case number.</source>
            <translation>立案 %1？服务器将为其分配立案编号。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="230" />
            <source>Close case %1? The disposal was verified on site.</source>
            <translation>结案 %1？处置结果已现场核实。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="231" />
            <source>Dispatch case %1 to a disposal unit. The deadlines start now.</source>
            <translation>将案件 %1 派遣给处置单位，时限即刻开始计算。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="232" />
            <source>Mark case %1 as a duplicate of another case.</source>
            <translation>将案件 %1 标记为重复案件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="233" />
            <source>Return case %1 to the inspector for more evidence.</source>
            <translation>将案件 %1 退回巡查员补充证据。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="234" />
            <source>Reject case %1.</source>
            <translation>不予受理案件 %1。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="235" />
            <source>Move a deadline of case %1 (an agreed extension).</source>
            <translation>调整案件 %1 的时限（协商延期）。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="236" />
            <source>Record the disposal of case %1.</source>
            <translation>登记案件 %1 的处置结果。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="237" />
            <source>Send case %1 back to the unit.</source>
            <translation>将案件 %1 退回处置单位。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="244" />
            <source>Deadlines from now:</source>
            <translation>自现在起的时限：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="246" />
            <source>working hours</source>
            <translation>工作小时</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="246" />
            <source>hours</source>
            <translation>小时</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="254" />
            <source>Photos after disposal</source>
            <translation>处置后照片</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="269" />
            <source>Say what evidence is missing.</source>
            <translation>请说明缺少哪些证据。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="270" />
            <location filename="../../ui/desk/decisions.py" line="273" />
            <source>Give the reason.</source>
            <translation>请填写理由。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="271" />
            <source>Say what was done.</source>
            <translation>请说明处置情况。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="272" />
            <source>Say why.</source>
            <translation>请说明原因。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="276" />
            <source>At most %1 characters.</source>
            <translation>最多 %1 个字符。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="278" />
            <source>Choose the case this one repeats.</source>
            <translation>请选择与之重复的案件。</translation>
        </message>
    </context>
    <context>
        <name>Desk</name>
        <message>
            <location filename="../../ui/desk/connection.py" line="33" />
            <source>The server cannot be reached. Check the network; Fieldcase keeps trying.</source>
            <translation>无法连接服务器。请检查网络；系统会继续重试。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="37" />
            <source>The server is not answering in time (a slow connection). Fieldcase keeps trying.</source>
            <translation>服务器响应超时（网络较慢）。系统会继续重试。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="42" />
            <source>Too many failed logins: this account is locked for a while.</source>
            <translation>登录失败次数过多：该账号已被暂时锁定。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="43" />
            <source>Your login has expired or was ended. Log in again.</source>
            <translation>登录已过期或已结束，请重新登录。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="45" />
            <source>Your role may not do this.</source>
            <translation>您的角色无权执行此操作。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="47" />
            <source>Someone else decided on this case first, or its state has changed.</source>
            <translation>其他人已先对此案件作出决定，或案件状态已变化。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="51" />
            <source>The case was not found, or it is no longer yours to see.</source>
            <translation>未找到该案件，或您已无权查看。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="53" />
            <source>The server refused the request as incomplete.</source>
            <translation>服务器以信息不完整为由拒绝了请求。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="54" />
            <source>The server failed. Try again; if it keeps failing, call IT.</source>
            <translation>服务器出错。请重试；如持续出错，请联系信息科。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/connection.py" line="63" />
            <source>The server said: %1</source>
            <translation>服务器返回：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="57" />
            <source>File</source>
            <translation>立案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="58" />
            <source>Return for evidence</source>
            <translation>退回补证</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="59" />
            <source>Reject</source>
            <translation>不予受理</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="60" />
            <source>Mark duplicate</source>
            <translation>标记重复</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="61" />
            <source>Dispatch</source>
            <translation>派遣</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="62" />
            <source>Defer deadline</source>
            <translation>延期</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="63" />
            <source>Record disposal</source>
            <translation>登记处置</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="64" />
            <source>Send back to unit</source>
            <translation>退回处置单位</translation>
        </message>
        <message>
            <location filename="../../ui/desk/decisions.py" line="65" />
            <source>Close</source>
            <translation>结案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="50" />
            <source>✔ hash checked: the original is intact</source>
            <translation>✔ 哈希校验通过：原图完好</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="52" />
            <source>✘ HASH MISMATCH: these bytes are not the photo taken</source>
            <translation>✘ 哈希不符：此文件并非拍摄的原图</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="54" />
            <source>the photo could not be downloaded</source>
            <translation>照片无法下载</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="55" />
            <source>downloading…</source>
            <translation>正在下载…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="72" />
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="76" />
            <source>Kind: %1</source>
            <translation>类别：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="77" />
            <source>Taken: %1</source>
            <translation>拍摄：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="78" />
            <source>GPS: %1</source>
            <translation>GPS：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="79" />
            <source>Camera: %1</source>
            <translation>相机：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="80" />
            <source>Size: %1 × %2 px, %3 KB</source>
            <translation>尺寸：%1 × %2 像素，%3 KB</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="102" />
            <source>…</source>
            <translation>…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="111" />
            <source>Reporter: %1 · Held by: %2</source>
            <translation>上报人：%1 · 现承办人：%2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="125" />
            <source>%1 h</source>
            <translation>%1 小时</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="128" />
            <source>%1 d %2 h</source>
            <translation>%1 天 %2 小时</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="133" />
            <source>overdue %1</source>
            <translation>已超时 %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="134" />
            <source>%1 left</source>
            <translation>剩余 %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="404" />
            <source>URGENT</source>
            <translation>紧急</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="430" />
            <source>Urgency</source>
            <translation>紧急程度</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="431" />
            <source>Case</source>
            <translation>案件</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="432" />
            <source>Kind</source>
            <translation>类别</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="433" />
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="434" />
            <source>District</source>
            <translation>辖区</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="435" />
            <source>Inspector</source>
            <translation>巡查员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="436" />
            <source>Received</source>
            <translation>接收时间</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="437" />
            <source>Unit</source>
            <translation>处置单位</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="438" />
            <source>Time left</source>
            <translation>剩余时间</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_model.py" line="439" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
    </context>
    <context>
        <name>DeskLoginPage</name>
        <message>
            <location filename="../../ui/desk/window.py" line="182" />
            <source>Enter the server, your user name and password.</source>
            <translation>请输入服务器地址、用户名和密码。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="188" />
            <source>Logging in…</source>
            <translation>正在登录…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="208" />
            <source>The server is slow to answer; still trying…</source>
            <translation>服务器响应较慢，仍在尝试…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="222" />
            <source>%1 is an inspector: inspectors work in the tablet app (run fieldcase).</source>
            <translation>%1 是巡查员：巡查员请使用平板应用（运行 fieldcase）。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="239" />
            <source>Wrong user name or password.</source>
            <translation>用户名或密码错误。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="242" />
            <source>The server at %1 cannot be reached (%2). Check the address and the network, then try again.</source>
            <translation>无法连接服务器 %1（%2）。请检查地址和网络后重试。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="245" />
            <source>no answer in time</source>
            <translation>响应超时</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="245" />
            <source>no connection</source>
            <translation>无法建立连接</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="261" />
            <source>Fieldcase desk</source>
            <translation>Fieldcase 案件工作台</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="263" />
            <source>Supervisors review and dispatch cases; disposal units record their work. Log in to the server.</source>
            <translation>督办人员在此审核、派遣案件；处置单位登记处置情况。请登录服务器。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="265" />
            <source>Server</source>
            <translation>服务器</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="266" />
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="267" />
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="268" />
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="269" />
            <source>Theme</source>
            <translation>主题</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="270" />
            <source>Normal</source>
            <translation>标准</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="271" />
            <source>Sunlight (high contrast)</source>
            <translation>强光（高对比度）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="272" />
            <source>Log in</source>
            <translation>登录</translation>
        </message>
    </context>
    <context>
        <name>DeskMapPage</name>
        <message>
            <location filename="../../ui/desk/map_page.py" line="520" />
            <source>Loading the map…</source>
            <translation>正在加载地图…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="550" />
            <location filename="../../ui/desk/map_page.py" line="646" />
            <source>No cases match these filters.</source>
            <translation>没有符合这些筛选条件的案件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="579" />
            <source>This server cannot show cases on a map (it is older than this desk). The list works.</source>
            <translation>此服务器无法在地图上显示案件（其版本早于本工作台）。列表仍可使用。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="581" />
            <source>The map cannot be shown: %1</source>
            <translation>无法显示地图：%1</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/desk/map_page.py" line="627" />
            <source>%n case(s) on the map</source>
            <translation>
                <numerusform>地图上有 %n 件案件</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/desk/map_page.py" line="629" />
            <source>%n overdue</source>
            <translation>
                <numerusform>%n 件超期</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/desk/map_page.py" line="631" />
            <source>%n without a location</source>
            <translation>
                <numerusform>%n 件无位置</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/desk/map_page.py" line="633" />
            <source>%n outside every grid</source>
            <translation>
                <numerusform>%n 件不在任何网格内</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="635" />
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="637" />
            <source>The basemap cannot be read: %1</source>
            <translation>无法读取底图：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="639" />
            <source>No basemap is set up: cases show on a plain background.</source>
            <translation>未配置底图：案件显示在空白背景上。</translation>
        </message>
    </context>
    <context>
        <name>DeskMapView</name>
        <message>
            <location filename="../../ui/desk/map_page.py" line="253" />
            <source>Overdue</source>
            <translation>已超期</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="254" />
            <source>To file</source>
            <translation>待立案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="255" />
            <source>Filed, to dispatch</source>
            <translation>已立案，待派遣</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="256" />
            <source>Dispatched</source>
            <translation>已派遣</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="257" />
            <source>Disposed, to verify</source>
            <translation>已处置，待核查</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="258" />
            <source>Verified, to close</source>
            <translation>已核查，待结案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="259" />
            <source>Returned to the inspector</source>
            <translation>已退回巡查员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="260" />
            <source>Closed</source>
            <translation>已结案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="261" />
            <source>Rejected or duplicate</source>
            <translation>不予立案或重复</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="362" />
            <source>%1 overdue</source>
            <translation>%1 件超期</translation>
        </message>
    </context>
    <context>
        <name>DeskPage</name>
        <message>
            <location filename="../../ui/desk/window.py" line="402" />
            <source>Review queue</source>
            <translation>审核队列</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="402" />
            <source>Dispatched to us</source>
            <translation>派给本单位的案件</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="404" />
            <source>Evaluation</source>
            <translation>考核评价</translation>
        </message>
    </context>
    <context>
        <name>DeskWindow</name>
        <message>
            <location filename="../../ui/desk/window.py" line="491" />
            <source>supervisor</source>
            <translation>督办员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="492" />
            <source>administrator</source>
            <translation>管理员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="493" />
            <source>disposal unit</source>
            <translation>处置单位</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="499" />
            <source>%1 (%2) — %3 — %4</source>
            <translation>%1（%2）— %3 — %4</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="500" />
            <source>all districts</source>
            <translation>全部辖区</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="512" />
            <source>Your login has expired. Log in again.</source>
            <translation>登录已过期，请重新登录。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="543" />
            <source>Fieldcase desk</source>
            <translation>Fieldcase 案件工作台</translation>
        </message>
        <message>
            <location filename="../../ui/desk/window.py" line="544" />
            <source>Log out</source>
            <translation>退出登录</translation>
        </message>
    </context>
    <context>
        <name>DiskBanner</name>
        <message>
            <location filename="../../ui/main_window.py" line="102" />
            <source>Only %1 MB free on this tablet: new photos may soon fail to save. Sync, then free some space.</source>
            <translation>本机仅剩 %1 MB 可用空间，新照片可能很快无法保存。请先同步，再清理空间。</translation>
        </message>
    </context>
    <context>
        <name>Dossier</name>
        <message>
            <location filename="../../ui/desk/dossier.py" line="237" />
            <source>draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="238" />
            <source>submitted</source>
            <translation>已提交</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="239" />
            <source>received</source>
            <translation>已接收</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="240" />
            <source>returned for more evidence</source>
            <translation>退回补充证据</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="241" />
            <source>rejected</source>
            <translation>不予立案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="242" />
            <source>duplicate</source>
            <translation>重复案件</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="243" />
            <source>filed</source>
            <translation>已立案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="244" />
            <source>dispatched</source>
            <translation>已派遣</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="245" />
            <source>disposed (to verify)</source>
            <translation>已处置（待核查）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="246" />
            <source>verified</source>
            <translation>已核查</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="247" />
            <source>closed</source>
            <translation>已结案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="253" />
            <source>inspector</source>
            <translation>执法队员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="254" />
            <source>supervisor</source>
            <translation>审核人员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="255" />
            <source>disposal unit</source>
            <translation>处置单位</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="256" />
            <source>administrator</source>
            <translation>管理员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="257" />
            <source>system</source>
            <translation>系统</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="263" />
            <source>Draft created</source>
            <translation>创建草稿</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="264" />
            <source>Photos added</source>
            <translation>添加照片</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="265" />
            <source>Edited</source>
            <translation>修改</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="266" />
            <source>Submitted</source>
            <translation>提交</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="267" />
            <source>Withdrawn</source>
            <translation>撤回</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="268" />
            <source>Received by the server</source>
            <translation>服务器接收</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="269" />
            <source>Filed</source>
            <translation>立案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="270" />
            <source>Returned for more evidence</source>
            <translation>退回补充证据</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="271" />
            <source>Rejected</source>
            <translation>不予立案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="272" />
            <source>Marked as a duplicate</source>
            <translation>标记为重复案件</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="273" />
            <source>Dispatched to a disposal unit</source>
            <translation>派遣至处置单位</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="274" />
            <source>Deadline deferred</source>
            <translation>延期</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="275" />
            <source>Disposal reported</source>
            <translation>处置反馈</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="276" />
            <source>Disposal not accepted</source>
            <translation>处置不合格，退回</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="277" />
            <source>Verified on site</source>
            <translation>现场核查通过</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="278" />
            <source>Verification failed: rework</source>
            <translation>核查未通过：返工</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="279" />
            <source>Closed</source>
            <translation>结案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="285" />
            <source>from a photo's GPS</source>
            <translation>取自照片 GPS</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="286" />
            <source>from the tablet's position</source>
            <translation>取自平板定位</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="287" />
            <source>entered by hand</source>
            <translation>手工录入</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="302" />
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="302" />
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="331" />
            <source>Case code</source>
            <translation>案件编码</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="332" />
            <source>Official case number</source>
            <translation>立案编号</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="332" />
            <source>not filed</source>
            <translation>未立案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="333" />
            <source>Type</source>
            <translation>案件类型</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="334" />
            <source>Subtype</source>
            <translation>案件小类</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="335" />
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="336" />
            <location filename="../../ui/desk/dossier.py" line="512" />
            <source>Hazard level</source>
            <translation>危害程度</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="337" />
            <location filename="../../ui/desk/dossier.py" line="424" />
            <location filename="../../ui/desk/dossier.py" line="510" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="338" />
            <location filename="../../ui/desk/dossier.py" line="511" />
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="339" />
            <source>District</source>
            <translation>辖区</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="340" />
            <source>Grid</source>
            <translation>网格</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="341" />
            <source>Inspector</source>
            <translation>执法队员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="342" />
            <source>Observed</source>
            <translation>发现时间</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="343" />
            <source>Recorded on the tablet</source>
            <translation>平板录入时间</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="344" />
            <source>Received on the server</source>
            <translation>服务器接收时间</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="345" />
            <source>Disposal unit</source>
            <translation>处置单位</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="348" />
            <source>Reviewer's note</source>
            <translation>审核意见</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="350" />
            <source>Reworks</source>
            <translation>返工次数</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="351" />
            <source>Case facts</source>
            <translation>案件信息</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="366" />
            <source>Party and details</source>
            <translation>当事人及详情</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="370" />
            <location filename="../../ui/desk/dossier.py" line="514" />
            <source>Officers</source>
            <translation>执法人员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="372" />
            <source>No officers recorded.</source>
            <translation>未记录执法人员。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="373" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="373" />
            <source>Enforcement certificate</source>
            <translation>执法证号</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="386" />
            <source>Milestone</source>
            <translation>节点</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="386" />
            <source>Due</source>
            <translation>期限</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="386" />
            <source>Met</source>
            <translation>完成时间</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="386" />
            <source>Status</source>
            <translation>情况</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="392" />
            <source>met on time</source>
            <translation>按期完成</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="392" />
            <source>met late</source>
            <translation>超期完成</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="394" />
            <source>overdue</source>
            <translation>已超期</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="396" />
            <source>open</source>
            <translation>未到期</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="398" />
            <source>deferred</source>
            <translation>已延期</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="406" />
            <source>Deadlines</source>
            <translation>处置期限</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="416" />
            <source>Coordinates (WGS-84)</source>
            <translation>坐标（WGS-84）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="421" />
            <source>Accuracy</source>
            <translation>精度</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="421" />
            <source>±%1 m</source>
            <translation>±%1 米</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="423" />
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="425" />
            <location filename="../../ui/desk/dossier.py" line="513" />
            <source>Location</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="429" />
            <source>Photos (%1)</source>
            <translation>照片（%1 张）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="432" />
            <source>No photos in this case.</source>
            <translation>本案件没有照片。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="440" />
            <source>The original was not available.</source>
            <translation>未取得原件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="442" />
            <source>The original could not be read as a picture.</source>
            <translation>原件无法作为图片读取。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="444" />
            <source>matches the original</source>
            <translation>与原件一致</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="446" />
            <source>DOES NOT MATCH the bytes given</source>
            <translation>与所给文件不一致</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="448" />
            <source>not checked (no original)</source>
            <translation>未核对（无原件）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="453" />
            <source>Kind</source>
            <translation>类别</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="454" />
            <source>Captured</source>
            <translation>拍摄时间</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="455" />
            <source>Coordinates</source>
            <translation>坐标</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="456" />
            <source>Camera</source>
            <translation>设备</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="457" />
            <source>Pixels</source>
            <translation>像素</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="458" />
            <source>File size</source>
            <translation>文件大小</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="459" />
            <source>Hash check</source>
            <translation>哈希核对</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="462" />
            <location filename="../../ui/desk/dossier.py" line="537" />
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="466" />
            <source>Photo %1 of %2</source>
            <translation>照片 %1 / %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="484" />
            <source>Official case number %1</source>
            <translation>立案编号 %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="515" />
            <source>photo details</source>
            <translation>照片信息</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="519" />
            <source>Changed: %1</source>
            <translation>修改：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="529" />
            <source>%1 m from the case location</source>
            <translation>距案件位置 %1 米</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="535" />
            <source>Audit trail (%1 events)</source>
            <translation>审计记录（%1 条）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="537" />
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="537" />
            <source>Actor</source>
            <translation>操作人</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="537" />
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="486" />
            <source>Repeats case %1</source>
            <translation>与案件 %1 重复</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="488" />
            <source>%1 photos</source>
            <translation>%1 张照片</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="558" />
            <source>The audit chain has breaks:</source>
            <translation>审计链存在断裂：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="560" />
            <source>The audit chain is unbroken.</source>
            <translation>审计链完整，未见断裂。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="562" />
            <source>Chain head</source>
            <translation>链尾哈希</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="228" />
            <source>Case dossier</source>
            <translation>案件卷宗</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="231" />
            <source>Page %1 of %2</source>
            <translation>第 %1 页，共 %2 页</translation>
        </message>
        <message>
            <location filename="../../ui/desk/dossier.py" line="589" />
            <source>Made %1 by Fieldcase from the central server's record.</source>
            <translation>由 Fieldcase 于 %1 根据中心服务器记录生成。</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <location filename="../../ui/errors.py" line="79" />
            <source>No location: take a photo with GPS, use the tablet's position, or enter it by hand.</source>
            <translation>没有位置：请拍一张带 GPS 的照片、使用平板定位或手工输入。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="83" />
            <source>At least %1 photos are needed (%2 so far).</source>
            <translation>至少需要 %1 张照片（现有 %2 张）。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="89" />
            <source>Missing: %1.</source>
            <translation>缺少：%1。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="93" />
            <source>At least %1 officers with enforcement-certificate numbers must be recorded (%2 so far).</source>
            <translation>须记录至少 %1 名持执法证的执法人员（现有 %2 名）。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="100" />
            <source>The same certificate number is listed twice.</source>
            <translation>同一执法证号重复出现。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="102" />
            <source>%1 is required.</source>
            <translation>%1为必填项。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="105" />
            <source>%1: longer than %2 characters.</source>
            <translation>%1：超过 %2 个字。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="126" />
            <source>The tablet's storage is full: nothing more can be saved. Free some space (sync, then remove old photos) and try again. Nothing already saved was lost.</source>
            <translation>平板存储空间已满，无法再保存。请清理空间（先同步，再删除旧照片）后重试。已保存的内容没有丢失。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="132" />
            <location filename="../../ui/errors.py" line="173" />
            <source>The data folder cannot be written to (read-only). Check the storage card or the folder.</source>
            <translation>数据文件夹无法写入（只读）。请检查存储卡或文件夹。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="136" />
            <source>The case database is busy. Wait a moment and try again.</source>
            <translation>案件数据库正忙，请稍候再试。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="137" />
            <source>The tablet's storage failed. Try again; if it keeps failing, call IT.</source>
            <translation>平板存储出错。请重试；如仍出错，请联系信息技术人员。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="146" />
            <source>Please check:</source>
            <translation>请检查：</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="148" />
            <source>Your role may not do this.</source>
            <translation>您的角色无权进行此操作。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="151" />
            <source>This cannot be done now: the case is %1.</source>
            <translation>现在无法进行此操作：案件状态为%1。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="154" />
            <location filename="../../ui/errors.py" line="156" />
            <source>This cannot be done to the case now.</source>
            <translation>现在无法对该案件进行此操作。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="160" />
            <source>%1 cannot be used as evidence: %2</source>
            <translation>%1 不能作为证据：%2</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="167" />
            <source>The case was not found; it may have been withdrawn.</source>
            <translation>找不到该案件，可能已被撤回。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="169" />
            <source>More than one case matches; give more of the code.</source>
            <translation>匹配到多个案件，请输入更完整的编号。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="177" />
            <source>The case database is damaged. Do not delete anything; call IT.</source>
            <translation>案件数据库已损坏。请勿删除任何内容，并联系信息技术人员。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="180" />
            <source>Something went wrong (%1). It has been written to the log; please tell IT.</source>
            <translation>出错了（%1）。详情已写入日志，请告知信息技术人员。</translation>
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
            <translation>排名</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="224" />
            <source>Reported</source>
            <translation>上报</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="225" />
            <source>Filed</source>
            <translation>立案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="226" />
            <source>Filing rate</source>
            <translation>立案率</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="227" />
            <source>Returned</source>
            <translation>退回</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="228" />
            <source>Rejected</source>
            <translation>不予立案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="229" />
            <source>Dispatched</source>
            <translation>派遣</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="230" />
            <source>Disposed</source>
            <translation>处置</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="231" />
            <source>Disposed on time</source>
            <translation>按期处置</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="232" />
            <source>Disposals due</source>
            <translation>应处置</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="233" />
            <source>On-time disposal rate</source>
            <translation>按期处置率</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="234" />
            <source>Closures due</source>
            <translation>应结案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="235" />
            <source>Closed</source>
            <translation>结案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="236" />
            <source>Closed on time</source>
            <translation>按期结案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="237" />
            <source>Closure rate</source>
            <translation>结案率</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="238" />
            <source>On-time closure rate</source>
            <translation>按期结案率</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="239" />
            <source>Deferred</source>
            <translation>延期</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="240" />
            <source>Reworks</source>
            <translation>返工</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="241" />
            <source>Mean working hours to close</source>
            <translation>平均结案工时</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="245" />
            <source>Inspector</source>
            <translation>执法队员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="246" />
            <source>District</source>
            <translation>辖区</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="247" />
            <source>Disposal unit</source>
            <translation>处置单位</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="253" />
            <source>By on-time closure rate, then closure rate; equal groups share a rank.</source>
            <translation>按按期结案率排名，其次按结案率；相同者并列。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="254" />
            <source>Cases the server received in the period.</source>
            <translation>本期内服务器收到的案件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="255" />
            <source>Filed ÷ reported.</source>
            <translation>立案数 ÷ 上报数。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="256" />
            <source>Cases ever returned for more evidence.</source>
            <translation>曾被退回补充证据的案件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="258" />
            <source>Dispatched cases disposed of, or whose last deadline fell before the period ended.</source>
            <translation>已派遣且已处置、或最后期限在本期结束前的案件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="261" />
            <source>Disposed with every deadline met ÷ (disposals due − running agreed extensions).</source>
            <translation>各期限均按期完成的处置数 ÷（应处置数 − 尚在延期中的案件）。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="263" />
            <source>Dispatched cases closed, or whose last deadline fell before the period ended.</source>
            <translation>已派遣且已结案、或最后期限在本期结束前的案件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="264" />
            <source>Closed ÷ (closures due − running agreed extensions).</source>
            <translation>结案数 ÷（应结案数 − 尚在延期中的案件）。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="265" />
            <source>Closed by the last deadline ÷ the same.</source>
            <translation>在最后期限前结案数 ÷ 同一分母。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="266" />
            <source>Cases with an agreed extension of a deadline.</source>
            <translation>经同意延长期限的案件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="267" />
            <source>Disposals disputed on site and sent back to the unit.</source>
            <translation>现场核查未通过、退回处置单位返工的次数。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="268" />
            <source>Working hours from dispatch to closing, on average.</source>
            <translation>从派遣到结案的平均工作小时数。</translation>
        </message>
    </context>
    <context>
        <name>EvaluationPage</name>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="565" />
            <source>The period starts after it ends, or is longer than three years.</source>
            <translation>起始日期晚于结束日期，或时段超过三年。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="584" />
            <source>The server's answer could not be read.</source>
            <translation>无法读取服务器的答复。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="656" />
            <source>%1 to %2</source>
            <translation>%1 至 %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="658" />
            <source>%1, by %2: %3 groups, ranked by on-time closure rate, then closure rate.</source>
            <translation>%1，按%2统计：共 %3 组，按按期结案率排名，其次按结案率。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="666" />
            <source>No cases were reported from %1.</source>
            <translation>%1 期间没有上报的案件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="690" />
            <source>Not in the chart (nothing due yet): %1</source>
            <translation>未列入图表（尚无应完成的案件）：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="700" />
            <source>Export the figures</source>
            <translation>导出考核数据</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="711" />
            <source>The figures could not be saved: %1</source>
            <translation>考核数据未能保存：%1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="713" />
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="723" />
            <source>Evaluation</source>
            <translation>考核评价</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="724" />
            <source>Figures per group</source>
            <translation>各组考核数据</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="726" />
            <source>Period</source>
            <translation>时段</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="728" />
            <source>This month</source>
            <translation>本月</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="729" />
            <source>Last month</source>
            <translation>上月</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="730" />
            <source>This quarter</source>
            <translation>本季度</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="731" />
            <source>This year</source>
            <translation>本年</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="732" />
            <source>From – to</source>
            <translation>自定义起止</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="736" />
            <source>Group by</source>
            <translation>统计对象</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="737" />
            <source>inspector</source>
            <translation>执法队员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="737" />
            <source>district</source>
            <translation>辖区</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="737" />
            <source>disposal unit</source>
            <translation>处置单位</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="740" />
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="741" />
            <source>Export CSV…</source>
            <translation>导出 CSV…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="742" />
            <source>Try again</source>
            <translation>重试</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="743" />
            <source>Loading the figures…</source>
            <translation>正在加载考核数据…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/evaluation.py" line="725" />
            <location filename="../../ui/desk/evaluation.py" line="744" />
            <source>Chart</source>
            <translation>图表</translation>
        </message>
    </context>
    <context>
        <name>Fieldcase</name>
        <message>
            <location filename="../../ui/widgets/common.py" line="158" />
            <source>Keep it</source>
            <translation>保留</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="178" />
            <source>unknown time</source>
            <translation>时间未知</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="188" />
            <source>%1 m</source>
            <translation>%1 米</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="189" />
            <source>%1 km</source>
            <translation>%1 公里</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="196" />
            <source>just now</source>
            <translation>刚刚</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="198" />
            <source>%1 min ago</source>
            <translation>%1 分钟前</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="200" />
            <source>%1 h ago</source>
            <translation>%1 小时前</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/common.py" line="201" />
            <source>%1 d ago</source>
            <translation>%1 天前</translation>
        </message>
    </context>
    <context>
        <name>Fields</name>
        <message>
            <location filename="../../ui/errors.py" line="46" />
            <source>Location</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="47" />
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="48" />
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="49" />
            <location filename="../../ui/errors.py" line="50" />
            <source>Kind of shot</source>
            <translation>拍摄类别</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="51" />
            <source>Officers</source>
            <translation>执法人员</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="52" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="53" />
            <source>Description</source>
            <translation>情况描述</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="54" />
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="55" />
            <source>Hazard level</source>
            <translation>危害等级</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="56" />
            <source>Case type</source>
            <translation>案件类型</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="57" />
            <source>Subtype</source>
            <translation>小类</translation>
        </message>
    </context>
    <context>
        <name>FullPhotoDialog</name>
        <message>
            <location filename="../../ui/desk/photos.py" line="146" />
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="156" />
            <source>100 %</source>
            <translation>100%</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="157" />
            <source>Close</source>
            <translation>结案</translation>
        </message>
        <message>
            <location filename="../../ui/desk/photos.py" line="197" />
            <source>Photo %1 of %2</source>
            <translation>第 %1 张，共 %2 张</translation>
        </message>
    </context>
    <context>
        <name>HomeBar</name>
        <message>
            <location filename="../../ui/main_window.py" line="225" />
            <source>List</source>
            <translation>列表</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="226" />
            <source>Map</source>
            <translation>地图</translation>
        </message>
    </context>
    <context>
        <name>Kinds</name>
        <message>
            <location filename="../../ui/errors.py" line="114" />
            <source>overview</source>
            <translation>全景</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="115" />
            <source>close-up</source>
            <translation>近景</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="116" />
            <source>signage</source>
            <translation>标识</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="117" />
            <source>measurement</source>
            <translation>测量</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="118" />
            <source>after disposal</source>
            <translation>处置后</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <location filename="../../ui/widgets/labels.py" line="30" />
            <source>Only on this tablet</source>
            <translation>仅在本机</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="31" />
            <source>Waiting to sync</source>
            <translation>待同步</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="32" />
            <source>Syncing</source>
            <translation>同步中</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="33" />
            <source>Synced</source>
            <translation>已同步</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="34" />
            <source>Sync failed</source>
            <translation>同步失败</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="41" />
            <source>From a photo's GPS</source>
            <translation>来自照片 GPS</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="42" />
            <source>From the tablet's position</source>
            <translation>来自平板定位</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="43" />
            <source>Entered by hand</source>
            <translation>手工输入</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="50" />
            <source>inspector</source>
            <translation>巡查员</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="51" />
            <source>supervisor</source>
            <translation>审核人员</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="52" />
            <source>disposal unit</source>
            <translation>处置单位</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="53" />
            <source>administrator</source>
            <translation>管理员</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="54" />
            <source>system</source>
            <translation>系统</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="61" />
            <source>Yes</source>
            <translation>是</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="63" />
            <source>No</source>
            <translation>否</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="145" />
            <source>%1: must be at least %2.</source>
            <translation>%1：不能小于 %2。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="149" />
            <source>%1: must be at most %2.</source>
            <translation>%1：不能大于 %2。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="152" />
            <source>%1: not a number.</source>
            <translation>%1：不是数字。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="154" />
            <source>%1: not a whole number.</source>
            <translation>%1：不是整数。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="156" />
            <source>%1: not a valid 18-character ID number or unified social credit code.</source>
            <translation>%1：不是有效的 18 位身份证号或统一社会信用代码。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="160" />
            <source>%1: not a valid phone number.</source>
            <translation>%1：不是有效的电话号码。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="162" />
            <source>A certificate number must be 4–32 letters or digits.</source>
            <translation>执法证号须为 4–32 位字母或数字。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="164" />
            <source>An officer's name must be 1–50 characters.</source>
            <translation>执法人员姓名须为 1–50 个字。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="173" />
            <source>At least %1 photos are needed</source>
            <translation>至少需要 %1 张照片</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="175" />
            <source> (%1)</source>
            <translation>（%1）</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="176" />
            <source>; this case has %1.</source>
            <translation>；本案件现有 %1 张。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="179" />
            <source>Missing: %1.</source>
            <translation>缺少：%1。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="195" />
            <source>the file is empty</source>
            <translation>文件是空的</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="196" />
            <source>the file was not found</source>
            <translation>找不到文件</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="197" />
            <source>a folder, not a file</source>
            <translation>这是文件夹，不是文件</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="198" />
            <source>not a regular file</source>
            <translation>不是普通文件</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="199" />
            <source>cannot read the file: permission denied</source>
            <translation>无法读取文件：没有权限</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="202" />
            <source>not a photo (unknown format)</source>
            <translation>不是照片（格式不明）</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="205" />
            <source>the file changed while it was being imported; try again</source>
            <translation>导入时文件被改动，请重试</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="208" />
            <source>the image is too large to open</source>
            <translation>图像太大，无法打开</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="215" />
            <source>the photo is damaged (cut short or corrupt)</source>
            <translation>照片已损坏（不完整或数据错误）</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="217" />
            <source>unsupported format (JPEG, PNG or HEIC only)</source>
            <translation>不支持的格式（仅支持 JPEG、PNG、HEIC）</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="219" />
            <source>too large to be a photo</source>
            <translation>文件太大，不像照片</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="221" />
            <source>took too long to open (damaged or hostile file)</source>
            <translation>打开超时（文件损坏或可疑）</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="223" />
            <source>the photo could not be opened (damaged or hostile file)</source>
            <translation>无法打开照片（文件损坏或可疑）</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="235" />
            <source>Draft created</source>
            <translation>创建草稿</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="237" />
            <source>Photos added: %1</source>
            <translation>添加照片：%1 张</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="241" />
            <source>Edited</source>
            <translation>编辑</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="243" />
            <source>Submitted</source>
            <translation>提交</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="245" />
            <source>Withdrawn</source>
            <translation>已撤回</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="247" />
            <source>Received by the server</source>
            <translation>服务器已接收</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="249" />
            <source>Filed</source>
            <translation>立案</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="251" />
            <source>Returned for more evidence</source>
            <translation>退回补充证据</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="253" />
            <source>Rejected</source>
            <translation>不予立案</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="255" />
            <source>Marked as a duplicate</source>
            <translation>认定为重复案件</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="257" />
            <source>Dispatched to a disposal unit</source>
            <translation>派遣至处置单位</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="259" />
            <source>Deadline deferred</source>
            <translation>延期</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="261" />
            <source>Disposal reported</source>
            <translation>处置单位反馈已处置</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="263" />
            <source>Disposal not accepted</source>
            <translation>处置结果未通过</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="265" />
            <source>Verified on site</source>
            <translation>现场核查通过</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="267" />
            <source>Verification failed: rework</source>
            <translation>核查未通过：返工</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="269" />
            <source>Closed</source>
            <translation>结案</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="272" />
            <source>Reassigned from %1 to %2</source>
            <translation>由 %1 改派给 %2</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="288" />
            <source>photo details</source>
            <translation>照片信息</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="291" />
            <source>Changed: %1</source>
            <translation>修改：%1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="296" />
            <source>Location taken from a photo's GPS</source>
            <translation>位置取自照片 GPS</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="301" />
            <source>Repeats case %1</source>
            <translation>与案件 %1 重复</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="303" />
            <source>Revision %1</source>
            <translation>第 %1 版</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/labels.py" line="308" />
            <source>unknown</source>
            <translation>未知</translation>
        </message>
    </context>
    <context>
        <name>ListMapSwitch</name>
        <message>
            <location filename="../../ui/desk/map_page.py" line="431" />
            <source>List</source>
            <translation>列表</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="432" />
            <source>Map</source>
            <translation>地图</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="433" />
            <source>The cases as a list</source>
            <translation>以列表显示案件</translation>
        </message>
        <message>
            <location filename="../../ui/desk/map_page.py" line="434" />
            <source>The cases on a map, with the count in each grid</source>
            <translation>在地图上显示案件及各网格的案件数</translation>
        </message>
    </context>
    <context>
        <name>LocationPanel</name>
        <message>
            <location filename="../../ui/widgets/location.py" line="29" />
            <source>accuracy unknown</source>
            <translation>精度未知</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="30" />
            <source>accurate to ±%1 m</source>
            <translation>精度 ±%1 米</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="40" />
            <source>Photo GPS ↔ tablet position: %1</source>
            <translation>照片 GPS ↔ 平板位置：%1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="43" />
            <source>Chosen point ↔ photo GPS: %1</source>
            <translation>所选位置 ↔ 照片 GPS：%1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="46" />
            <source>Chosen point ↔ tablet position: %1</source>
            <translation>所选位置 ↔ 平板位置：%1</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="56" />
            <source>The photo's GPS and the tablet's position are %1 apart (more than %2 m). The case records this for the supervisor; check where the photo was taken.</source>
            <translation>照片的 GPS 位置与平板位置相距 %1（超过 %2 米）。案件会记录此情况供督导员查看；请核实照片的拍摄地点。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="109" />
            <source>Use the tablet's position</source>
            <translation>使用平板定位</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="112" />
            <source>Enter by hand</source>
            <translation>手工输入</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="115" />
            <source>Pick on the map</source>
            <translation>在地图上选取</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="128" />
            <source>Latitude (−90 to 90, north positive)</source>
            <translation>纬度（−90 至 90，北纬为正）</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="129" />
            <source>Longitude (−180 to 180, east positive)</source>
            <translation>经度（−180 至 180，东经为正）</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="138" />
            <source>Set this location</source>
            <translation>设为此位置</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="163" />
            <source>No location yet</source>
            <translation>尚无位置</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="164" />
            <source>It fills in from the first photo with GPS or from the tablet's position.</source>
            <translation>位置会取自第一张带 GPS 的照片或平板定位。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="195" />
            <source>Enter both latitude and longitude.</source>
            <translation>请同时输入纬度和经度。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="203" />
            <source>Latitude must be between −90 and 90.</source>
            <translation>纬度须在 −90 至 90 之间。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="205" />
            <source>Longitude must be between −180 and 180.</source>
            <translation>经度须在 −180 至 180 之间。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/location.py" line="207" />
            <source>0, 0 is not a position.</source>
            <translation>0, 0 不是有效位置。</translation>
        </message>
    </context>
    <context>
        <name>LocationPicker</name>
        <message>
            <location filename="../../ui/map/picker.py" line="90" />
            <source>Choose the location on the map</source>
            <translation>在地图上选择位置</translation>
        </message>
        <message>
            <location filename="../../ui/map/picker.py" line="92" />
            <source>Tap where the case is. Drag to move the map; pinch or use + and − to zoom.</source>
            <translation>点按案件所在位置。拖动可移动地图；双指缩放或使用 + 和 − 缩放。</translation>
        </message>
        <message>
            <location filename="../../ui/map/picker.py" line="94" />
            <source>Tap again to move the pin. Square: the photo's GPS; dot: the tablet's position.</source>
            <translation>再次点按可移动图钉。方块：照片的 GPS 位置；圆点：平板的位置。</translation>
        </message>
        <message>
            <location filename="../../ui/map/picker.py" line="96" />
            <source>Use this point</source>
            <translation>使用此位置</translation>
        </message>
        <message>
            <location filename="../../ui/map/picker.py" line="97" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/map/picker.py" line="116" />
            <source>Chosen point: %1, %2</source>
            <translation>所选位置：%1, %2</translation>
        </message>
    </context>
    <context>
        <name>LoginPage</name>
        <message>
            <location filename="../../ui/login_page.py" line="104" />
            <source>Enter your user name and password.</source>
            <translation>请输入用户名和密码。</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="108" />
            <source>Logging in…</source>
            <translation>正在登录…</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="125" />
            <source>Logged in offline: the server could not be reached.</source>
            <translation>已离线登录：无法连接服务器。</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="139" />
            <source>Offline login is allowed for 14 days after the last online login. Connect to the server to log in.</source>
            <translation>离线登录仅在上次在线登录后 14 天内有效。请连接服务器后登录。</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="142" />
            <source>The server cannot be reached, and this user has never logged in online on this tablet.</source>
            <translation>无法连接服务器，且该用户从未在本机在线登录过。</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="144" />
            <source>Wrong user name or password.</source>
            <translation>用户名或密码错误。</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="156" />
            <location filename="../../ui/login_page.py" line="163" />
            <source>Log in</source>
            <translation>登录</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="158" />
            <source>Each inspector logs in with their own account; cases belong to the inspector who records them.</source>
            <translation>每位巡查员使用自己的账号登录；案件归记录它的巡查员所有。</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="160" />
            <source>Logged in on this tablet before (tap a name):</source>
            <translation>曾在本平板登录（点名字即可）：</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="161" />
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <location filename="../../ui/login_page.py" line="162" />
            <source>Password</source>
            <translation>密码</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../ui/main_window.py" line="341" />
            <source>Fieldcase — case collection</source>
            <translation>Fieldcase 城管执法案件采集</translation>
        </message>
    </context>
    <context>
        <name>MapPage</name>
        <message numerus="yes">
            <location filename="../../ui/map/map_page.py" line="96" />
            <source>%n case(s) on the map</source>
            <translation>
                <numerusform>地图上有 %n 件案件</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/map/map_page.py" line="98" />
            <source>The basemap cannot be read: %1</source>
            <translation>无法读取底图：%1</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_page.py" line="100" />
            <source>No basemap is set up on this tablet: cases show on a plain background.</source>
            <translation>本平板未配置底图：案件显示在空白背景上。</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_page.py" line="102" />
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
    </context>
    <context>
        <name>MapView</name>
        <message>
            <location filename="../../ui/map/map_view.py" line="153" />
            <location filename="../../ui/map/map_view.py" line="154" />
            <source>Zoom in</source>
            <translation>放大</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="155" />
            <location filename="../../ui/map/map_view.py" line="156" />
            <source>Zoom out</source>
            <translation>缩小</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="157" />
            <location filename="../../ui/map/map_view.py" line="158" />
            <source>Go to the tablet's position</source>
            <translation>转到平板当前位置</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="169" />
            <source>Returned</source>
            <translation>已退回</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="170" />
            <source>To verify</source>
            <translation>待核查</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="171" />
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="172" />
            <source>Submitted</source>
            <translation>已提交</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="173" />
            <source>Under way</source>
            <translation>办理中</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="174" />
            <source>Done</source>
            <translation>已办结</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="175" />
            <source>Rejected or duplicate</source>
            <translation>不予立案或重复</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="705" />
            <source>%1 km</source>
            <translation>%1 公里</translation>
        </message>
        <message>
            <location filename="../../ui/map/map_view.py" line="707" />
            <source>%1 m</source>
            <translation>%1 米</translation>
        </message>
    </context>
    <context>
        <name>NewCasePage</name>
        <message>
            <location filename="../../ui/new_case.py" line="548" />
            <source>New case: what did you find?</source>
            <translation>新建案件：发现了什么问题？</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="549" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="555" />
            <source>Back</source>
            <translation>返回</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="558" />
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="559" />
            <source>Tap a photo to set its kind of shot; tap it twice to view it.</source>
            <translation>点照片设置拍摄类别；双击查看大图。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="560" />
            <source>No photos yet: take them or import them below.</source>
            <translation>还没有照片：请在下方拍照或导入。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="561" />
            <source>Kind of shot of the selected photo</source>
            <translation>所选照片的拍摄类别</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="562" />
            <source>Take a photo</source>
            <translation>拍照</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="563" />
            <source>From files</source>
            <translation>从文件导入</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="564" />
            <source>From a folder</source>
            <translation>从文件夹导入</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="565" />
            <source>From a memory card</source>
            <translation>从存储卡导入</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="566" />
            <source>Cancel import</source>
            <translation>取消导入</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="567" />
            <source>Location</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="568" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="569" />
            <source>Street, number, landmark</source>
            <translation>街道、门牌号、标志物</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="570" />
            <source>Open that case</source>
            <translation>打开该案件</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="571" />
            <source>What was seen</source>
            <translation>现场情况</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="572" />
            <source>Subtype</source>
            <translation>小类</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="573" />
            <source>Hazard level</source>
            <translation>危害等级</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="574" />
            <source>Description</source>
            <translation>情况描述</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="575" />
            <source>What you saw, in a few sentences</source>
            <translation>用几句话描述现场情况</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="576" />
            <source>Details</source>
            <translation>详细情况</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="577" />
            <source>The party</source>
            <translation>当事人</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="578" />
            <source>Officers present</source>
            <translation>在场执法人员</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="579" />
            <source>Returned by the reviewer for more evidence:</source>
            <translation>审核人员退回补充证据：</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="580" />
            <source>Before this case can be submitted:</source>
            <translation>提交本案件前还需：</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="581" />
            <source>Withdraw draft</source>
            <translation>撤回草稿</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="582" />
            <source>Save and close</source>
            <translation>保存并关闭</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="583" />
            <source>Submit</source>
            <translation>提交</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="684" />
            <source>%1: what is the problem?</source>
            <translation>%1：具体是什么问题？</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="692" />
            <source>Creating the draft…</source>
            <translation>正在创建草稿…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="846" />
            <source>%1 · %2 · hazard: %3</source>
            <translation>%1 · %2 · 危害：%3</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="853" />
            <location filename="../../ui/new_case.py" line="1234" />
            <source>Photos (%1)</source>
            <translation>照片（%1）</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="878" />
            <location filename="../../ui/new_case.py" line="915" />
            <source>Editing…</source>
            <translation>编辑中…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="894" />
            <source>Saving…</source>
            <translation>保存中…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="913" />
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="933" />
            <source>Not saved: see the marked field</source>
            <translation>未保存：请查看标出的字段</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="941" />
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1043" />
            <source>No positioning on this tablet: the location comes from photos or by hand.</source>
            <translation>本机无定位功能：位置取自照片或手工输入。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1050" />
            <source>Waiting for a position fix…</source>
            <translation>正在等待定位…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1052" />
            <source>The tablet's position is not known yet.</source>
            <translation>尚未获得平板位置。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1058" />
            <source>Tablet position %1, %2 (%3) at %4</source>
            <translation>平板位置 %1, %2（%3），时间 %4</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1157" />
            <source>Possible duplicate of %1 (%2): %3 away, created %4.</source>
            <translation>可能与 %1（%2）重复：相距 %3，创建于 %4。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1164" />
            <source>Other cases nearby: %1.</source>
            <translation>附近的其他案件：%1。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1194" />
            <source>No camera found on this tablet. Import photos from files or a memory card instead.</source>
            <translation>本机没有找到相机。请从文件或存储卡导入照片。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1224" />
            <source>Choose a folder of photos</source>
            <translation>选择照片文件夹</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1224" />
            <source>Choose photos</source>
            <translation>选择照片</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1234" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1247" />
            <source>Looking for a memory card…</source>
            <translation>正在查找存储卡…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1255" />
            <source>No memory card with photos (a DCIM folder) was found. Insert the card and try again.</source>
            <translation>没有找到带照片的存储卡（DCIM 文件夹）。请插入存储卡后重试。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1259" />
            <source>Memory card found: %1. Choose the photos of this case.</source>
            <translation>已找到存储卡：%1。请选择本案件的照片。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1288" />
            <source>No photos found there.</source>
            <translation>那里没有照片。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1361" />
            <source>Cancelling…</source>
            <translation>正在取消…</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1374" />
            <source>%1 of %2</source>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1384" />
            <source>Photos added: %1.</source>
            <translation>已添加照片 %1 张。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1387" />
            <source>Already in this case: %1.</source>
            <translation>本案件中已有：%1 张。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1389" />
            <source>Import cancelled; not imported: %1.</source>
            <translation>导入已取消；未导入：%1 张。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1393" />
            <source>Files that could not be used (%1):</source>
            <translation>无法使用的文件（%1 个）：</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1453" />
            <source>Wait for the import to finish.</source>
            <translation>请等待导入完成。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1476" />
            <source>Not submitted: see what is missing</source>
            <translation>未提交：请查看缺少的内容</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1496" />
            <source>Withdraw this draft?</source>
            <translation>撤回这份草稿？</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1497" />
            <source>The draft %1 and its photos will be removed from the case list. This cannot be undone.</source>
            <translation>草稿 %1 及其照片将从案件列表中移除，且无法恢复。</translation>
        </message>
        <message>
            <location filename="../../ui/new_case.py" line="1500" />
            <source>Withdraw</source>
            <translation>撤回</translation>
        </message>
    </context>
    <context>
        <name>OfficersEditor</name>
        <message>
            <location filename="../../ui/widgets/officers.py" line="80" />
            <source>Add an officer</source>
            <translation>添加执法人员</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="91" />
            <source>At least %1 officers with enforcement certificates must be recorded.</source>
            <translation>须记录至少 %1 名持执法证的执法人员。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="96" />
            <source>Officers present (optional).</source>
            <translation>在场执法人员（选填）。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="114" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="115" />
            <source>Enforcement certificate number</source>
            <translation>执法证号</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="116" />
            <location filename="../../ui/widgets/officers.py" line="117" />
            <source>Remove this officer</source>
            <translation>移除此执法人员</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="144" />
            <source>Each officer needs a name and a certificate number.</source>
            <translation>每名执法人员都需要姓名和执法证号。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/officers.py" line="152" />
            <source>The same certificate number is listed twice.</source>
            <translation>同一执法证号重复出现。</translation>
        </message>
    </context>
    <context>
        <name>PhotoViewer</name>
        <message>
            <location filename="../../ui/photo_viewer.py" line="237" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="247" />
            <source>Previous photo</source>
            <translation>上一张</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="248" />
            <source>Next photo</source>
            <translation>下一张</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="249" />
            <source>Zoom out</source>
            <translation>缩小</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="250" />
            <source>Zoom in</source>
            <translation>放大</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="251" />
            <source>Fit to screen</source>
            <translation>适应屏幕</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="327" />
            <source>Photo %1 of %2</source>
            <translation>第 %1 张，共 %2 张</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="344" />
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="348" />
            <source>Kind: %1</source>
            <translation>类别：%1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="349" />
            <source>Taken: %1</source>
            <translation>拍摄时间：%1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="350" />
            <source>GPS: %1</source>
            <translation>GPS：%1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="351" />
            <source>Size: %1 × %2 px, %3 MB</source>
            <translation>尺寸：%1 × %2 像素，%3 MB</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="355" />
            <source>Camera: %1</source>
            <translation>相机：%1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="358" />
            <source>Note: %1</source>
            <translation>备注：%1</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="359" />
            <source>SHA-256:</source>
            <translation>SHA-256：</translation>
        </message>
        <message>
            <location filename="../../ui/photo_viewer.py" line="403" />
            <source>The photo is not on this tablet (kept on the server).</source>
            <translation>照片不在本机（保存在服务器上）。</translation>
        </message>
    </context>
    <context>
        <name>PositionProvider</name>
        <message>
            <location filename="../../ui/positioning.py" line="161" />
            <source>This tablet has no positioning.</source>
            <translation>本机没有定位功能。</translation>
        </message>
        <message>
            <location filename="../../ui/positioning.py" line="178" />
            <source>The tablet does not allow Fieldcase to read its position.</source>
            <translation>平板不允许 Fieldcase 读取位置。</translation>
        </message>
        <message>
            <location filename="../../ui/positioning.py" line="180" />
            <source>The positioning receiver was disconnected.</source>
            <translation>定位接收器已断开。</translation>
        </message>
        <message>
            <location filename="../../ui/positioning.py" line="182" />
            <source>No position fix yet (under a roof or between tall buildings?).</source>
            <translation>尚未定位（是否在室内或高楼之间？）。</translation>
        </message>
        <message>
            <location filename="../../ui/positioning.py" line="184" />
            <location filename="../../ui/positioning.py" line="188" />
            <source>The positioning receiver failed.</source>
            <translation>定位接收器故障。</translation>
        </message>
    </context>
    <context>
        <name>ProvisionDialog</name>
        <message>
            <location filename="../../ui/provision_dialog.py" line="234" />
            <location filename="../../ui/provision_dialog.py" line="272" />
            <source>Set up this tablet</source>
            <translation>设置本平板</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="235" />
            <source>Back</source>
            <translation>返回</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="236" />
            <location filename="../../ui/provision_dialog.py" line="330" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="237" />
            <source>Apply</source>
            <translation>应用</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="238" />
            <source>Try again</source>
            <translation>重试</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="239" />
            <source>Done</source>
            <translation>完成</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="242" />
            <source>IT gives each tablet a provisioning file and its QR code. Scan the QR code with the camera, or choose the file: the .json file, or a picture of the QR code.</source>
            <translation>信息科为每台平板提供一个配置文件及其二维码。请用摄像头扫描二维码，或选择文件：.json 文件或二维码图片。</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="246" />
            <source>Scan the QR code with the camera</source>
            <translation>用摄像头扫描二维码</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="247" />
            <source>This tablet has no camera: choose the file instead.</source>
            <translation>本平板没有摄像头：请改为选择文件。</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="248" />
            <source>Choose a file…</source>
            <translation>选择文件…</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="249" />
            <source>The provisioning file says:</source>
            <translation>配置文件内容：</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="250" />
            <source>Server</source>
            <translation>服务器</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="251" />
            <source>District</source>
            <translation>辖区</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="252" />
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="253" />
            <source>Certificate (SHA-256)</source>
            <translation>证书（SHA-256）</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="256" />
            <source>Applying sets this tablet up for this server and enrolls it now if the server can be reached, otherwise at the next sync. The one-time code can be used only once.</source>
            <translation>应用后，本平板将使用该服务器；如现在能连接服务器则立即注册，否则在下次同步时注册。一次性注册码只能使用一次。</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="263" />
            <source>(the server decides)</source>
            <translation>（由服务器决定）</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="268" />
            <source>Not pinned: the system's certificate authorities are trusted</source>
            <translation>未固定：信任系统的证书颁发机构</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="270" />
            <source>None: the connection is not encrypted (http)</source>
            <translation>无：连接未加密（http）</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="273" />
            <source>Reading the QR code…</source>
            <translation>正在读取二维码…</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="274" />
            <source>Apply this provisioning file?</source>
            <translation>应用此配置文件？</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="275" />
            <source>Setting up…</source>
            <translation>正在设置…</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="276" />
            <source>This tablet is set up</source>
            <translation>本平板已设置完成</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="277" />
            <source>Saved: the tablet enrolls when the server can be reached</source>
            <translation>已保存：能连接服务器时平板将自动注册</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="278" />
            <source>Not set up</source>
            <translation>未能设置</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="282" />
            <source>Looking for the QR code in the picture…</source>
            <translation>正在图片中查找二维码…</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="284" />
            <source>Enrolling with %1…</source>
            <translation>正在向 %1 注册…</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="292" />
            <source>Enrolled with %1. Inspectors can now log in on this tablet.</source>
            <translation>已在 %1 注册。执法人员现在可以在本平板上登录。</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="294" />
            <source>Device: %1</source>
            <translation>设备：%1</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="298" />
            <source>The settings are saved, but %1 cannot be reached now. The tablet enrolls by itself at the next sync, when the network is back.</source>
            <translation>设置已保存，但目前无法连接 %1。网络恢复后，平板将在下次同步时自动注册。</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="304" />
            <source>Nothing was changed on this tablet.</source>
            <translation>本平板没有任何改动。</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="309" />
            <source>Details: %1</source>
            <translation>详细信息：%1</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="325" />
            <source>Scan the QR code</source>
            <translation>扫描二维码</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="328" />
            <source>Hold the QR code in the middle of the picture, then take the photo.</source>
            <translation>将二维码置于画面中央，然后拍照。</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="329" />
            <source>Take the photo</source>
            <translation>拍照</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="341" />
            <source>Choose the provisioning file</source>
            <translation>选择配置文件</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="346" />
            <source>Provisioning files and QR code pictures (%1)</source>
            <translation>配置文件和二维码图片 (%1)</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="349" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="420" />
            <source>The server refused the enrollment code: it has been used already or has expired. Ask IT for a new provisioning file.</source>
            <translation>服务器拒绝了注册码：该注册码已被使用或已过期。请向信息科索取新的配置文件。</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="424" />
            <source>The server did not accept this tablet.</source>
            <translation>服务器不接受本平板。</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="427" />
            <source>No QR code was found in the picture. Hold the tablet steady with the whole code in the middle of the picture, or choose the file instead.</source>
            <translation>图片中没有找到二维码。请拿稳平板，让整个二维码位于画面中央，或改为选择文件。</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="431" />
            <source>The picture cannot be read. Use a PNG or JPEG picture of the QR code.</source>
            <translation>无法读取该图片。请使用二维码的 PNG 或 JPEG 图片。</translation>
        </message>
        <message>
            <location filename="../../ui/provision_dialog.py" line="433" />
            <source>This is not a provisioning file this tablet can use.</source>
            <translation>这不是本平板可用的配置文件。</translation>
        </message>
    </context>
    <context>
        <name>QueuePage</name>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="301" />
            <location filename="../../ui/desk/queue_page.py" line="655" />
            <source>any kind</source>
            <translation>全部类别</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="354" />
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="376" />
            <source>Newest first (this server cannot sort urgent-first yet).</source>
            <translation>按最新排序（此服务器暂不支持紧急优先排序）。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="395" />
            <source>%1 cases shown</source>
            <translation>已显示 %1 件</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="447" />
            <source>Connected again.</source>
            <translation>已重新连接。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="480" />
            <source>New urgent case: %1 at %2</source>
            <translation>新紧急案件：%1，位于 %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="484" />
            <source>New case dispatched to you: %1 at %2</source>
            <translation>新派遣案件：%1，位于 %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="489" />
            <source>(and %1 more)</source>
            <translation>（另有 %1 件）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="516" />
            <source>Dispatch selected (%1)</source>
            <translation>派遣所选（%1）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="547" />
            <source>Dispatching %1 cases…</source>
            <translation>正在派遣 %1 件案件…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="559" />
            <source>%1: dispatched to %2</source>
            <translation>%1：已派遣给 %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="566" />
            <source>%1: not dispatched — %2</source>
            <translation>%1：未派遣 — %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="571" />
            <source>Dispatched %1 of %2.</source>
            <translation>已派遣 %1 件，共 %2 件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="588" />
            <source>Reassign selected (%1)…</source>
            <translation>改派所选（%1）…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="592" />
            <source>Reassign all open cases of %1…</source>
            <translation>改派 %1 的全部未结案件…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="623" />
            <source>Export cases as CSV</source>
            <translation>导出案件为 CSV</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="633" />
            <source>Exporting…</source>
            <translation>正在导出…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="638" />
            <source>%1 cases exported to %2</source>
            <translation>已导出 %1 件案件到 %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="648" />
            <source>Waiting for a decision</source>
            <translation>待决定</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="648" />
            <source>All states</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="650" />
            <source>To dispose of</source>
            <translation>待处置</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="650" />
            <source>Disposed</source>
            <translation>已处置</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="650" />
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="654" />
            <source>any type</source>
            <translation>全部类型</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="656" />
            <source>all my districts</source>
            <translation>我的全部辖区</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="657" />
            <source>inspector</source>
            <translation>巡查员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="658" />
            <source>Search code, number, address</source>
            <translation>搜索编码、编号、地址</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="659" />
            <source>overdue only</source>
            <translation>仅看超时</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="660" />
            <source>Show</source>
            <translation>查看</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="661" />
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="662" />
            <source>Export CSV…</source>
            <translation>导出 CSV…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="663" />
            <source>No cases match these filters.</source>
            <translation>没有符合筛选条件的案件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/queue_page.py" line="667" />
            <source>Give the field work of the selected cases to another inspector</source>
            <translation>将所选案件的外勤工作交给另一名巡查员</translation>
        </message>
    </context>
    <context>
        <name>Reassign</name>
        <message>
            <location filename="../../ui/desk/reassign.py" line="44" />
            <source>not found, or outside your districts</source>
            <translation>未找到，或不在您的辖区内</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="48" />
            <source>the case is %1: nothing is left to do in the field</source>
            <translation>案件状态为“%1”，已无外勤工作</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="52" />
            <source>%1 is not an inspector of this case's district</source>
            <translation>%1 不是该案件所在辖区的巡查员</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="56" />
            <source>someone else changed the case at the same moment; try again</source>
            <translation>他人同时更改了此案件，请重试</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="66" />
            <source>%1: reassigned from %2 to %3</source>
            <translation>%1：已由 %2 改派给 %3</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="72" />
            <source>%1: already with %2</source>
            <translation>%1：已由 %2 负责</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="74" />
            <source>%1: not reassigned — %2</source>
            <translation>%1：未改派 — %2</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="84" />
            <source>This inspector's account is disabled.</source>
            <translation>该巡查员的账号已停用。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="85" />
            <source>Field work goes to inspectors only.</source>
            <translation>外勤工作只能交给巡查员。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="86" />
            <source>There is no such user.</source>
            <translation>没有这个用户。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="362" />
            <source>Reassigned %1 of %2 cases to %3.</source>
            <translation>已将 %2 件中的 %1 件案件改派给 %3。</translation>
        </message>
    </context>
    <context>
        <name>ReassignDialog</name>
        <message>
            <location filename="../../ui/desk/reassign.py" line="174" />
            <source>Reassign the open cases of %1</source>
            <translation>改派 %1 的全部未结案件</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="177" />
            <source>Every open case %1 holds in your districts goes to another inspector of the case's district. %1 stays on record as the reporter.</source>
            <translation>%1 在您辖区内负责的全部未结案件将交给案件所在辖区的另一名巡查员。%1 仍记录为上报人。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="183" />
            <source>Reassign %1 cases</source>
            <translation>改派 %1 件案件</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="185" />
            <source>The field work of these %1 cases (returned cases, verification tasks) goes to another inspector. The reporting inspector stays on record.</source>
            <translation>这 %1 件案件的外勤工作（退回补充的案件、核查任务）将交给另一名巡查员。上报的巡查员仍保留在记录中。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="189" />
            <source>%1 closed, rejected or duplicate cases are left out.</source>
            <translation>其中 %1 件已结案、不予立案或重复的案件不在此列。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="193" />
            <source>To inspector:</source>
            <translation>改派给巡查员：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="194" />
            <source>Why (kept in each case's audit trail):</source>
            <translation>原因（记入每件案件的审计记录）：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="196" />
            <source>Reassign</source>
            <translation>改派</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="197" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="197" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="207" />
            <source>Loading the inspectors…</source>
            <translation>正在载入巡查员…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="225" />
            <source>%1 (districts %2; %3 open cases)</source>
            <translation>%1（辖区 %2；未结案件 %3 件）</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="232" />
            <source>— not in %1</source>
            <translation>— 不在 %1</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="238" />
            <source>No other inspector works in these districts.</source>
            <translation>这些辖区没有其他巡查员。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="240" />
            <source>Choose the inspector who takes the work over.</source>
            <translation>请选择接手工作的巡查员。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="259" />
            <source>Checking what would move…</source>
            <translation>正在核对将改派的案件…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="279" />
            <source>%1 cases will move to %2.</source>
            <translation>将有 %1 件案件改派给 %2。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="282" />
            <source>%1 are already with %2.</source>
            <translation>其中 %1 件已由 %2 负责。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="284" />
            <source>%1 cannot move:</source>
            <translation>%1 件无法改派：</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="287" />
            <source>%1 holds no open case in your districts.</source>
            <translation>%1 在您的辖区内没有未结案件。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="303" />
            <source>Say why the work is reassigned.</source>
            <translation>请说明改派原因。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="305" />
            <source>At most %1 characters.</source>
            <translation>最多 %1 个字符。</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="317" />
            <source>Reassigning…</source>
            <translation>正在改派…</translation>
        </message>
        <message>
            <location filename="../../ui/desk/reassign.py" line="340" />
            <source>Reassigned %1 of %2 cases to %3.</source>
            <translation>已将 %2 件中的 %1 件案件改派给 %3。</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../ui/settings_dialog.py" line="248" />
            <location filename="../../ui/settings_dialog.py" line="249" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="250" />
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="251" />
            <source>Theme</source>
            <translation>主题</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="252" />
            <source>Normal</source>
            <translation>标准</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="253" />
            <source>Sunlight (high contrast)</source>
            <translation>强光（高对比度）</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="254" />
            <location filename="../../ui/settings_dialog.py" line="307" />
            <source>Data folder</source>
            <translation>数据文件夹</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="255" />
            <source>Change…</source>
            <translation>更改…</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="256" />
            <source>Server</source>
            <translation>服务器</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="257" />
            <source>Inspector</source>
            <translation>巡查员</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="258" />
            <source>Log out / switch inspector</source>
            <translation>退出登录 / 切换巡查员</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="259" />
            <source>Set up from a QR code or provisioning file…</source>
            <translation>通过二维码或配置文件设置…</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="264" />
            <source>%1 (enrolls when the server can be reached)</source>
            <translation>%1（能连接服务器时注册）</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="267" />
            <source>Not set up with a server yet: ask IT for its QR code.</source>
            <translation>尚未设置服务器：请向信息科索取二维码。</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="268" />
            <source>Nobody is logged in</source>
            <translation>无人登录</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="269" />
            <source>Version</source>
            <translation>版本</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="270" />
            <source>Done</source>
            <translation>完成</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="294" />
            <source>Fieldcase will use %1 from its next start.</source>
            <translation>Fieldcase 下次启动时将使用 %1。</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="296" />
            <source>Where cases and photos are kept on this tablet.</source>
            <translation>本机保存案件和照片的位置。</translation>
        </message>
    </context>
    <context>
        <name>States</name>
        <message>
            <location filename="../../ui/errors.py" line="28" />
            <source>draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="29" />
            <source>submitted</source>
            <translation>已提交</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="30" />
            <source>received</source>
            <translation>已接收</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="31" />
            <source>returned for more evidence</source>
            <translation>退回补证</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="32" />
            <source>rejected</source>
            <translation>不予立案</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="33" />
            <source>duplicate</source>
            <translation>重复案件</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="34" />
            <source>filed</source>
            <translation>已立案</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="35" />
            <source>dispatched</source>
            <translation>已派遣</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="36" />
            <source>disposed (to verify)</source>
            <translation>已处置（待核查）</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="37" />
            <source>verified</source>
            <translation>已核查</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="38" />
            <source>closed</source>
            <translation>已结案</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../../ui/status_bar.py" line="234" />
            <source>Inspector: %1</source>
            <translation>巡查员：%1</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="236" />
            <source>Server: —</source>
            <translation>服务器：—</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="238" />
            <source>Online</source>
            <translation>在线</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="240" />
            <source>Offline: will retry</source>
            <translation>离线：将自动重试</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="245" />
            <location filename="../../ui/status_bar.py" line="246" />
            <source>Sync now</source>
            <translation>立即同步</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="247" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="248" />
            <source>Cancel the sync</source>
            <translation>取消同步</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="249" />
            <source>Stopping…</source>
            <translation>正在停止…</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="273" />
            <source>Cases %1/%2</source>
            <translation>案件 %1/%2</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="266" />
            <source>Photos %1/%2 MB</source>
            <translation>照片 %1/%2 MB</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="258" />
            <source>Syncing…</source>
            <translation>正在同步…</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="243" />
            <source>Waiting to sync: %1</source>
            <translation>待同步：%1</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="244" />
            <source>Last sync: %1</source>
            <translation>上次同步：%1</translation>
        </message>
    </context>
    <context>
        <name>SyncBanner</name>
        <message>
            <location filename="../../ui/main_window.py" line="162" />
            <source>Login expired: log in again to sync. Your cases are safe on this tablet.</source>
            <translation>登录已过期：请重新登录后再同步。案件仍安全保存在本平板上。</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/main_window.py" line="165" />
            <source>%n case(s) refused by the server: open each one to see why.</source>
            <translation>
                <numerusform>有 %n 件案件被服务器拒收：请逐一打开查看原因。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="168" />
            <source>Sync did not finish: the server had a problem. Fieldcase will try again by itself.</source>
            <translation>同步未完成：服务器出现问题。Fieldcase 会自动重试。</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="170" />
            <source>Sync failed unexpectedly; it has been written to the log. Fieldcase will try again.</source>
            <translation>同步意外失败，已记入日志。Fieldcase 会再次尝试。</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="174" />
            <source>Log in again</source>
            <translation>重新登录</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="174" />
            <source>Show them</source>
            <translation>查看这些案件</translation>
        </message>
    </context>
    <context>
        <name>VerifyPanel</name>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="136" />
            <source>Verify on site</source>
            <translation>现场核查</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="139" />
            <source>The unit reports this case as disposed. Check it on site, take after-disposal photos, then confirm that it is done or dispute it.</source>
            <translation>处置单位已报告此案件处置完毕。请到现场核查，拍摄处置后照片，然后确认已处置或提出异议。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="143" />
            <source>After-disposal photos</source>
            <translation>处置后照片</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="144" />
            <source>Take a photo</source>
            <translation>拍照</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="145" />
            <source>From files</source>
            <translation>从文件导入</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="146" />
            <source>Remove photos</source>
            <translation>移除照片</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="147" />
            <source>No camera found on this tablet. Add photos from files instead.</source>
            <translation>此平板未找到相机，请从文件添加照片。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="148" />
            <source>Note (required to dispute)</source>
            <translation>说明（提出异议时必填）</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="149" />
            <source>What you found on site</source>
            <translation>现场核查情况</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="150" />
            <source>Dispute: not done</source>
            <translation>有异议：未处置完毕</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="151" />
            <source>Confirm: disposal done</source>
            <translation>确认已处置</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="191" />
            <source>Photos to add: %1</source>
            <translation>待添加照片：%1 张</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="193" />
            <source>No photos yet: at least one is needed.</source>
            <translation>尚无照片：至少需要一张。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="240" />
            <source>Choose after-disposal photos</source>
            <translation>选择处置后照片</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="244" />
            <source>Photos (%1)</source>
            <translation>照片（%1）</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="244" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="288" />
            <source>Add at least one after-disposal photo first.</source>
            <translation>请先添加至少一张处置后照片。</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/verify_panel.py" line="291" />
            <source>To dispute, write in the note what is still not done.</source>
            <translation>提出异议时，请在说明中写明仍未处置的问题。</translation>
        </message>
    </context>
</TS>
