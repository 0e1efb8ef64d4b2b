// SPDX-License-Identifier: GPL-3.0-or-later
#include "aliastablemodel.h"
#include "crossreferences.h"
#include "ioprojecttablemodel.h"
#include "proxytablemodel.h"
#include "sampleworkspace.h"
#include "technicalusertablemodel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace gw {

class TestTableModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelsPassTheTesterThroughEdits();
    void cells_data();
    void cells();
    void aliasNeverShowsASecret();
    void refreshMergesInsteadOfResetting();
    void refreshFollowsAReorderedWorkspace();
    void filterProxyFindsAcrossAllColumns();
    void breakage_data();
    void breakage();
    void proxyProblems_data();
    void proxyProblems();
    void largeTableRefresh();
};

namespace {

struct Models
{
    ProxyTableModel proxies;
    IoProjectTableModel projects;
    TechnicalUserTableModel users;
    AliasTableModel aliases;
    void set(const Workspace &w)
    {
        proxies.setWorkspace(w);
        projects.setWorkspace(w);
        users.setWorkspace(w);
        aliases.setWorkspace(w);
    }
};

QAbstractItemModel *sortFilter(QAbstractItemModel *source, QObject *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(source);
    proxy->setFilterKeyColumn(-1);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy->setSortRole(SortRole);
    proxy->sort(0);
    return proxy;
}

QString cell(const QAbstractItemModel &model, const QModelIndex &first, int column)
{
    return model.index(first.row(), column).data().toString();
}

} // namespace

void TestTableModels::modelsPassTheTesterThroughEdits()
{
    Models m;
    QObject owner;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (QAbstractItemModel *model :
         std::initializer_list<QAbstractItemModel *>{&m.proxies, &m.projects, &m.users, &m.aliases}) {
        testers.push_back(
            std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        testers.push_back(std::make_unique<QAbstractItemModelTester>(
            sortFilter(model, &owner), QAbstractItemModelTester::FailureReportingMode::QtTest));
    }

    Workspace w = test::sampleWorkspace();
    m.set(w);
    QCOMPARE(m.proxies.rowCount(), 6);
    QCOMPARE(m.projects.rowCount(), 3);
    QCOMPARE(m.users.rowCount(), 5);
    QCOMPARE(m.aliases.rowCount(), 5);
    QCOMPARE(m.proxies.rowCount(m.proxies.index(0, 0)), 0);
    QCOMPARE(m.proxies.columnCount(m.proxies.index(0, 0)), 0);
    QCOMPARE(m.proxies.columnCount(), int(ProxyTableModel::ColumnCount));

    // Edits of every kind: remove, insert, change, rename, clear, refill.
    w.proxies.removeAt(1);
    w.aliases.removeAt(0);
    w.projects[0].sensitivity = u"public"_s;
    w.technicalUsers.insert(2, TechnicalUser{u"svc-extra"_s, {}, {u"Orders"_s}});
    w.proxies[0].name = u"OrdersCreateV2"_s;
    m.set(w);
    QCOMPARE(m.proxies.rowCount(), 5);
    QCOMPARE(m.users.rowCount(), 6);
    m.set(Workspace());
    QCOMPARE(m.proxies.rowCount(), 0);
    m.set(test::sampleWorkspace());
    QCOMPARE(m.aliases.rowCount(), 5);
}

void TestTableModels::cells_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");

    QTest::newRow("proxy inbound shows the OAuth2 scopes")
        << u"proxies"_s << u"OrdersCreate 1.0"_s << int(ProxyTableModel::Inbound) << u"OAuth2: orders:write"_s;
    QTest::newRow("proxy outbound shows alias and user")
        << u"proxies"_s << u"OrdersStatus 1.0"_s << int(ProxyTableModel::Outbound) << u"io-orders-basic → svc-orders"_s;
    QTest::newRow("proxy without outbound auth says .io will answer 401")
        << u"proxies"_s << u"InvoicesIssue 1.0"_s << int(ProxyTableModel::Outbound) << u"none — .io will answer 401"_s;
    QTest::newRow("proxy state") << u"proxies"_s << u"OrdersList 1.0"_s << int(ProxyTableModel::Active) << u"active"_s;
    QTest::newRow("project integrations") << u"projects"_s << u"Customers"_s << int(IoProjectTableModel::Integrations)
                                          << u"lookupCustomer, customerUpdated"_s;
    QTest::newRow("project users with access")
        << u"projects"_s << u"Orders"_s << int(IoProjectTableModel::UsersWithAccess)
        << u"svc-gateway-shared, svc-orders"_s;
    QTest::newRow("project proxies") << u"projects"_s << u"Orders"_s << int(IoProjectTableModel::Proxies)
                                     << u"3 proxies"_s;
    QTest::newRow("user projects") << u"users"_s << u"svc-gateway-shared"_s << int(TechnicalUserTableModel::Projects)
                                   << u"Orders, Customers, Invoicing"_s;
    QTest::newRow("user without role") << u"users"_s << u"svc-no-role"_s << int(TechnicalUserTableModel::Projects)
                                       << u"none"_s;
    QTest::newRow("user used by proxies through its alias")
        << u"users"_s << u"svc-orders"_s << int(TechnicalUserTableModel::UsedBy) << u"2 proxies"_s;
    QTest::newRow("alias type") << u"aliases"_s << u"io-orders-basic"_s << int(AliasTableModel::Type)
                                << u"HTTP transport security (Basic)"_s;
    QTest::newRow("alias technical user")
        << u"aliases"_s << u"io-orders-basic"_s << int(AliasTableModel::Target) << u"svc-orders"_s;
    QTest::newRow("alias secret lives in the keychain")
        << u"aliases"_s << u"io-orders-basic"_s << int(AliasTableModel::Secret) << u"secret: in keychain"_s;
    QTest::newRow("alias used once") << u"aliases"_s << u"io-shared-basic"_s << int(AliasTableModel::UsedBy)
                                     << u"1 proxy"_s;
    QTest::newRow("unused alias") << u"aliases"_s << u"io-invoicing-basic"_s << int(AliasTableModel::UsedBy)
                                  << u"0 proxies"_s;
    QTest::newRow("simple alias value") << u"aliases"_s << u"io-tenant-url"_s << int(AliasTableModel::Target)
                                        << u"http://127.0.0.1:5556"_s;
}

void TestTableModels::cells()
{
    QFETCH(QString, table);
    QFETCH(QString, key);
    QFETCH(int, column);
    QFETCH(QString, text);
    Models m;
    m.set(test::sampleWorkspace());
    QModelIndex index;
    const QAbstractItemModel *model = nullptr;
    if (table == u"proxies"_s) {
        model = &m.proxies;
        index = m.proxies.indexOfKey(key);
    } else if (table == u"projects"_s) {
        model = &m.projects;
        index = m.projects.indexOf(key);
    } else if (table == u"users"_s) {
        model = &m.users;
        index = m.users.indexOf(key);
    } else {
        model = &m.aliases;
        index = m.aliases.indexOf(key);
    }
    QVERIFY2(index.isValid(), qPrintable(key));
    QCOMPARE(cell(*model, index, column), text);
    QCOMPARE(model->index(index.row(), 0).data(KeyRole).toString(), key);
}

void TestTableModels::aliasNeverShowsASecret()
{
    Workspace w = test::sampleWorkspace();
    w.aliases[1].password = SecretRef{u"alias/io-orders-basic"_s};
    AliasTableModel model;
    model.setWorkspace(w);
    const QModelIndex row = model.indexOf(u"io-orders-basic"_s);
    for (int column = 0; column < model.columnCount(); ++column) {
        for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(SortRole), int(ProblemRole)})
            QVERIFY(!model.index(row.row(), column).data(role).toString().contains(u"alias/"_s));
    }
    QCOMPARE(model.itemAt(row)->technicalUser, u"svc-orders"_s);

    w.aliases[1].password = SecretRef{};
    model.setWorkspace(w);
    QCOMPARE(cell(model, row, AliasTableModel::Secret), u"secret: not set"_s);
    QCOMPARE(row.data(ProblemRole).toString(),
             u"No keychain reference for the password: the gateway cannot call .io as svc-orders."_s);
}

void TestTableModels::refreshMergesInsteadOfResetting()
{
    ProxyTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Workspace w = test::sampleWorkspace();
    model.setWorkspace(w);

    const QPersistentModelIndex selected = model.indexOf(u"OrdersList"_s);
    QCOMPARE(selected.row(), 2);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // Remove a row above the selection, append one, and edit one: the selection follows its proxy.
    w.proxies.removeAt(0);
    GatewayProxy added = w.proxies.constFirst();
    added.name = u"OrdersCancel"_s;
    w.proxies.append(added);
    w.proxies[3].active = false; // CustomersEvents
    model.setWorkspace(w);

    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 5);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 3);
    QVERIFY(selected.isValid());
    QCOMPARE(selected.row(), 1);
    QCOMPARE(selected.data().toString(), u"OrdersList"_s);
    QCOMPARE(model.index(3, ProxyTableModel::Active).data().toString(), u"inactive"_s);

    // An edit of an alias changes what the proxies show: only their rows are reported
    // (OrdersStatus, now first, and OrdersCancel, its copy, last).
    changed.clear();
    w.aliases[1].technicalUser = u"svc-gateway-shared"_s; // io-orders-basic
    model.setWorkspace(w);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 5);
    QCOMPARE(model.index(0, ProxyTableModel::Outbound).data().toString(), u"io-orders-basic → svc-gateway-shared"_s);

    // Same workspace again: nothing to report.
    changed.clear();
    model.setWorkspace(w);
    QCOMPARE(changed.count(), 0);
}

void TestTableModels::refreshFollowsAReorderedWorkspace()
{
    IoProjectTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Workspace w = test::sampleWorkspace();
    model.setWorkspace(w);
    const QPersistentModelIndex orders = model.indexOf(u"Orders"_s);
    std::reverse(w.projects.begin(), w.projects.end());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setWorkspace(w);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(orders.row(), 2);
    QCOMPARE(orders.data().toString(), u"Orders"_s);
    QCOMPARE(model.index(0, 0).data().toString(), u"Invoicing"_s);
}

void TestTableModels::filterProxyFindsAcrossAllColumns()
{
    ProxyTableModel model;
    model.setWorkspace(test::sampleWorkspace());
    QSortFilterProxyModel filter;
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(&model);
    filter.setFilterKeyColumn(-1);
    filter.setFilterCaseSensitivity(Qt::CaseInsensitive);
    filter.setFilterFixedString(u"ORDERS-BASIC"_s); // outbound column, other case
    QCOMPARE(filter.rowCount(), 2);
    filter.setFilterFixedString(u"customers:read"_s); // inbound column
    QCOMPARE(filter.rowCount(), 2);
    filter.setFilterFixedString(u"401"_s);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, 0).data().toString(), u"InvoicesIssue"_s);
}

void TestTableModels::breakage_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("sentences");

    QTest::newRow("alias used by two proxies")
        << u"alias"_s << u"io-orders-basic"_s
        << QStringList{u"Deleting alias io-orders-basic breaks the outbound auth of OrdersCreate and OrdersStatus: "
                       u".io will answer 401 to their calls."_s};
    QTest::newRow("unused alias") << u"alias"_s << u"io-invoicing-basic"_s << QStringList();
    QTest::newRow("technical user behind an alias")
        << u"user"_s << u"svc-customers"_s
        << QStringList{u"Deleting technical user svc-customers also deletes alias io-customers-basic, which breaks "
                       u"the outbound auth of CustomersLookup and CustomersEvents."_s};
    QTest::newRow("technical user with an unused alias")
        << u"user"_s << u"svc-invoicing"_s
        << QStringList{u"Deleting technical user svc-invoicing also deletes alias io-invoicing-basic."_s};
    QTest::newRow("user nobody uses") << u"user"_s << u"svc-no-role"_s << QStringList();
    QTest::newRow("project with proxies and users")
        << u"project"_s << u"Orders"_s
        << QStringList{u"Deleting project Orders also deletes the proxies that front it: OrdersCreate, OrdersStatus "
                       u"and OrdersList."_s,
                       u"Deleting project Orders removes it from the access of svc-gateway-shared and svc-orders."_s};
}

void TestTableModels::breakage()
{
    QFETCH(QString, kind);
    QFETCH(QString, name);
    QFETCH(QStringList, sentences);
    const Workspace w = test::sampleWorkspace();
    const CrossReferences references(w);
    if (kind == u"alias"_s)
        QCOMPARE(references.breakageOfDeletingAlias(name), sentences);
    else if (kind == u"user"_s)
        QCOMPARE(references.breakageOfDeletingTechnicalUser(name), sentences);
    else
        QCOMPARE(references.breakageOfDeletingProject(name), sentences);
}

void TestTableModels::proxyProblems_data()
{
    QTest::addColumn<int>("proxy");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("problem");

    QTest::newRow("complete chain") << 0 << QString() << QString() << QString();
    QTest::newRow("no outbound auth")
        << 5 << QString() << QString()
        << u"No Outbound Auth - Transport: the gateway calls .io without credentials, .io answers 401 and callers "
           u"see a native provider 401."_s;
    QTest::newRow("user without role on the project")
        << 0 << u"alias"_s << u"io-customers-basic"_s
        << u"Technical user svc-customers has no role on project Orders: .io will answer 401."_s;
    QTest::newRow("unknown alias") << 0 << u"alias"_s << u"io-orders"_s << u"Alias io-orders does not exist."_s;
    QTest::newRow("unknown integration") << 0 << u"integration"_s << u"deleteOrder"_s
                                         << u"Project Orders has no integration deleteOrder."_s;
}

void TestTableModels::proxyProblems()
{
    QFETCH(int, proxy);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, problem);
    Workspace w = test::sampleWorkspace();
    if (field == u"alias"_s)
        w.proxies[proxy].outbound.alias = value;
    else if (field == u"integration"_s)
        w.proxies[proxy].integration = value;
    ProxyTableModel model;
    model.setWorkspace(w);
    QCOMPARE(model.index(proxy, ProxyTableModel::Name).data(ProblemRole).toString(), problem);
    if (!problem.isEmpty())
        QCOMPARE(model.index(proxy, ProxyTableModel::Name).data(Qt::ToolTipRole).toString(), problem);
}

void TestTableModels::largeTableRefresh()
{
    // Figures, not asserts: how an edit refresh of 10,000 rows compares with building them anew.
    Workspace w = test::sampleWorkspace();
    const GatewayProxy templateProxy = w.proxies.constFirst();
    w.proxies.clear();
    for (int i = 0; i < 10000; ++i) {
        GatewayProxy p = templateProxy;
        p.name = u"Proxy%1"_s.arg(i, 5, 10, QChar(u'0'));
        w.proxies.append(p);
    }
    QElapsedTimer timer;
    timer.start();
    ProxyTableModel fresh;
    fresh.setWorkspace(w);
    const qint64 buildNs = timer.nsecsElapsed();

    ProxyTableModel model;
    model.setWorkspace(w);
    QSortFilterProxyModel filter;
    filter.setSourceModel(&model);
    filter.setSortRole(SortRole);
    filter.sort(ProxyTableModel::Name);
    const QPersistentModelIndex selected = filter.index(5000, 0);
    w.proxies[7000].active = false;
    w.proxies.removeAt(100);
    timer.restart();
    model.setWorkspace(w);
    const qint64 mergeNs = timer.nsecsElapsed();
    QCOMPARE(model.rowCount(), 9999);
    QCOMPARE(selected.data().toString(), u"Proxy05000"_s);

    timer.restart();
    for (int row = 0; row < model.rowCount(); ++row)
        model.index(row, ProxyTableModel::Outbound).data();
    const qint64 dataNs = timer.nsecsElapsed();
    qInfo("10,000 proxies: build %.1f ms, refresh after an edit %.1f ms (%.2fx of a build), "
          "data() of a whole column %.2f ms",
          buildNs / 1e6, mergeNs / 1e6, double(mergeNs) / double(buildNs), dataNs / 1e6);
}

} // namespace gw

QTEST_GUILESS_MAIN(gw::TestTableModels)
#include "tst_tablemodels.moc"
