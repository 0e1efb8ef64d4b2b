// SPDX-License-Identifier: GPL-3.0-or-later
#include "advisorpage.h"
#include "widgets/tones.h"

#include "commands/replaceworkspacecommand.h"
#include "crossreferences.h"
#include "dialogs/applystrategydialog.h"
#include "services.h"
#include "settings/settings.h"
#include "sync/accesscheck.h"
#include "widgets/credentialflowscene.h"
#include "widgets/credentialflowview.h"
#include "workspacedocument.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace gw {

namespace {

using Kind = Advisor::StrategyOption::Kind;

QTableWidgetItem *cell(const QString &text, const QString &tooltip = {})
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (!tooltip.isEmpty())
        item->setToolTip(tooltip);
    return item;
}

QString liveText(const Advisor::LiveAccess &live)
{
    switch (live.status) {
    case Advisor::LiveAccess::Status::Matches:
        return AdvisorPage::tr("matches");
    case Advisor::LiveAccess::Status::Mismatch:
        return live.missing.isEmpty() ? AdvisorPage::tr("excess access") : AdvisorPage::tr("missing access");
    case Advisor::LiveAccess::Status::Refused:
        return AdvisorPage::tr("wrong password or locked");
    case Advisor::LiveAccess::Status::Locked:
        return AdvisorPage::tr("locked");
    case Advisor::LiveAccess::Status::NoPassword:
        return AdvisorPage::tr("no password");
    case Advisor::LiveAccess::Status::Error:
        return AdvisorPage::tr("not checked");
    }
    return {};
}

} // namespace

AdvisorPage::AdvisorPage(Services &services, WorkspaceDocument &document, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_document(document)
    , m_environmentLabel(new QLabel(this))
    , m_rotation(new QSpinBox(this))
    , m_liveButton(new QPushButton(tr("Check &live"), this))
    , m_status(new QLabel(this))
    , m_recommendation(new QLabel(this))
    , m_strategy(new QComboBox(this))
    , m_apply(new QPushButton(tr("&Apply strategy…"), this))
    , m_tabs(new QTabWidget(this))
    , m_comparison(new QTableWidget(this))
    , m_users(new QTableWidget(this))
    , m_problems(new QTreeWidget(this))
    , m_scene(new CredentialFlowScene(this))
    , m_view(new CredentialFlowView(m_scene, this))
{
    m_rotation->setObjectName(QStringLiteral("rotationSpin"));
    m_liveButton->setObjectName(QStringLiteral("liveButton"));
    m_status->setObjectName(QStringLiteral("advisorStatus"));
    m_recommendation->setObjectName(QStringLiteral("recommendationLabel"));
    m_strategy->setObjectName(QStringLiteral("strategyCombo"));
    // Long strategy titles must not widen the page past a 1024 px window; the popup still shows them whole.
    m_strategy->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_strategy->setMinimumContentsLength(18);
    m_apply->setObjectName(QStringLiteral("applyStrategyButton"));
    m_comparison->setObjectName(QStringLiteral("comparisonTable"));
    m_users->setObjectName(QStringLiteral("usersTable"));
    m_problems->setObjectName(QStringLiteral("problemsTree"));
    m_view->setObjectName(QStringLiteral("credentialFlowView"));

    m_rotation->setRange(1, 3650);
    m_rotation->setSuffix(tr(" days"));
    m_rotation->setValue(m_services.settings ? m_services.settings->rotationIntervalDays() : 90);
    m_rotation->setToolTip(tr("How often every technical-user password is changed; drives the cost figures"));
    m_liveButton->setToolTip(tr("Sign in to the environment's .io tenant as each technical user (one read-only "
                                "request each) and compare what it reaches with what its proxies need"));
    m_status->setWordWrap(true);
    m_recommendation->setWordWrap(true);
    m_recommendation->setTextFormat(Qt::RichText);
    m_recommendation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_recommendation->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    for (Kind kind : {Kind::Shared, Kind::PerProject, Kind::BySensitivity}) {
        Advisor::StrategyOption option;
        option.kind = kind;
        m_strategy->addItem(option.title(), int(kind));
    }

    auto *top = new QHBoxLayout;
    top->addWidget(m_environmentLabel);
    top->addStretch();
    auto *rotationLabel = new QLabel(tr("&Rotation every"), this);
    rotationLabel->setBuddy(m_rotation);
    top->addWidget(rotationLabel);
    top->addWidget(m_rotation);
    top->addWidget(m_liveButton);

    auto *strategyRow = new QHBoxLayout;
    auto *strategyLabel = new QLabel(tr("&Strategy:"), this);
    strategyLabel->setBuddy(m_strategy);
    strategyRow->addWidget(strategyLabel);
    strategyRow->addWidget(m_strategy, 1);
    strategyRow->addWidget(m_apply);

    m_comparison->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_comparison->setSelectionMode(QAbstractItemView::NoSelection);
    m_comparison->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_comparison->horizontalHeader()->setStretchLastSection(true);
    m_comparison->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_users->setColumnCount(5);
    m_users->setHorizontalHeaderLabels(
        {tr("Technical user"), tr("Live check"), tr("Used by"), tr("Reaches"), tr("Sensitivity")});
    m_users->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_users->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_users->setSelectionMode(QAbstractItemView::SingleSelection);
    m_users->verticalHeader()->hide();
    m_users->horizontalHeader()->setStretchLastSection(true);
    m_problems->setColumnCount(2);
    m_problems->setHeaderLabels({tr("Problem"), tr("What and how to fix it")});
    m_problems->setRootIsDecorated(false);
    m_problems->setWordWrap(true);
    m_problems->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tabs->addTab(m_comparison, tr("Comparison"));
    m_tabs->addTab(m_users, tr("Technical users"));
    m_tabs->addTab(m_problems, tr("Problems"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_recommendation);
    leftLayout->addLayout(strategyRow);
    leftLayout->addWidget(m_tabs, 1);

    auto *diagram = new QWidget(this);
    auto *diagramLayout = new QVBoxLayout(diagram);
    diagramLayout->setContentsMargins(0, 0, 0, 0);
    auto *tools = new QHBoxLayout;
    auto tool = [&](const QString &text, const QString &tip, auto slot) {
        auto *button = new QToolButton(diagram);
        button->setText(text);
        button->setToolTip(tip);
        connect(button, &QToolButton::clicked, this, slot);
        tools->addWidget(button);
        return button;
    };
    tool(tr("Zoom in"), tr("Zoom in (Ctrl+wheel)"), [this] { m_view->zoomIn(); });
    tool(tr("Zoom out"), tr("Zoom out (Ctrl+wheel)"), [this] { m_view->zoomOut(); });
    tool(tr("Fit"), tr("Show the whole diagram"), [this] { m_view->fitAll(); });
    tool(tr("Export…"), tr("Save the diagram as PNG or SVG"), [this] { exportWithDialog(); });
    auto *hint = new QLabel(tr("Click a user or alias to see its blast radius; drag to pan."), diagram);
    hint->setEnabled(false);
    hint->setWordWrap(true);
    tools->addWidget(hint, 1);
    diagramLayout->addLayout(tools);
    diagramLayout->addWidget(m_view, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(diagram);
    // The comparison must be readable without scrolling; the diagram zooms and pans.
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({640, 420});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    connect(m_rotation, &QSpinBox::valueChanged, this, [this](int days) {
        if (m_services.settings)
            m_services.settings->setRotationIntervalDays(days);
        refresh();
    });
    connect(m_liveButton, &QPushButton::clicked, this, &AdvisorPage::checkLive);
    connect(m_apply, &QPushButton::clicked, this, &AdvisorPage::applyChosenStrategy);
    connect(m_scene, &CredentialFlowScene::nodeActivated, this, &AdvisorPage::nodeActivated);
    connect(m_users, &QTableWidget::itemSelectionChanged, this, [this] {
        const QList<QTableWidgetItem *> selected = m_users->selectedItems();
        if (!selected.isEmpty())
            m_scene->highlight(
                CredentialFlowScene::nodeId(QStringLiteral("user"), m_users->item(selected.first()->row(), 0)->text()));
    });
    connect(m_problems, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            m_scene->highlight(item->data(0, Qt::UserRole).toString());
    });
    const auto invalidate = [this] {
        // What was signed in against belongs to the workspace and environment as they were.
        m_check.reset();
        m_live.clear();
        m_liveButton->setEnabled(true);
        m_status->clear();
        refresh();
    };
    connect(&m_document, &WorkspaceDocument::workspaceChanged, this, invalidate);
    connect(&m_document, &WorkspaceDocument::currentEnvironmentChanged, this, invalidate);
    refresh();
}

AdvisorPage::~AdvisorPage() = default;

void AdvisorPage::refresh()
{
    Advisor::Options options;
    options.rotationIntervalDays = m_rotation->value();
    m_analysis = Advisor::analyze(m_document.workspace(), m_document.currentEnvironment(), options);
    if (!m_live.isEmpty()) {
        m_analysis.live = m_live;
        m_analysis.liveChecked = true;
    }
    m_environmentLabel->setText(m_document.currentEnvironment().isEmpty()
                                    ? tr("No environment selected")
                                    : tr("Environment <b>%1</b>").arg(m_document.currentEnvironment().toHtmlEscaped()));

    const Advisor::StrategyOption *chosen = m_analysis.strategy(m_analysis.recommendation.strategy);
    QString html = tr("<b>Recommendation: %1</b>").arg(chosen ? chosen->title().toHtmlEscaped() : QString());
    html += QStringLiteral("<ul style=\"margin-left:-20px\">");
    for (const QString &reason : m_analysis.recommendation.reasons)
        html += QStringLiteral("<li>") + reason.toHtmlEscaped() + QStringLiteral("</li>");
    html += QStringLiteral("</ul>");
    m_recommendation->setText(html);
    const int index = m_strategy->findData(int(m_analysis.recommendation.strategy));
    for (int i = 0; i < m_strategy->count(); ++i) {
        Advisor::StrategyOption option;
        option.kind = Kind(m_strategy->itemData(i).toInt());
        m_strategy->setItemText(i, i == index ? tr("%1 (recommended)").arg(option.title()) : option.title());
    }
    if (!m_strategy->property("chosenByUser").toBool())
        m_strategy->setCurrentIndex(index);

    showComparison();
    showUsers();
    showProblems();
    const QString highlighted = m_scene->highlightedNode();
    m_scene->setContent(m_document.workspace(), m_analysis);
    m_scene->highlight(highlighted);
    m_view->contentChanged();
}

void AdvisorPage::showComparison()
{
    const QList<Advisor::ComparisonRow> rows = Advisor::comparisonRows(m_analysis);
    m_comparison->clear();
    m_comparison->setRowCount(int(rows.size()));
    m_comparison->setColumnCount(int(m_analysis.strategies.size()));
    for (int column = 0; column < m_analysis.strategies.size(); ++column) {
        const Advisor::StrategyOption &option = m_analysis.strategies.at(column);
        const bool recommended = option.kind == m_analysis.recommendation.strategy;
        auto *header = cell(recommended ? tr("★ %1").arg(option.shortTitle()) : option.shortTitle(),
                            recommended ? tr("%1 (recommended)").arg(option.title()) : option.title());
        if (recommended) {
            QFont font = header->font();
            font.setBold(true);
            header->setFont(font);
        }
        m_comparison->setHorizontalHeaderItem(column, header);
    }
    for (int row = 0; row < rows.size(); ++row) {
        m_comparison->setVerticalHeaderItem(row, cell(rows.at(row).label, rows.at(row).meaning));
        for (int column = 0; column < rows.at(row).values.size(); ++column) {
            auto *item = cell(rows.at(row).values.at(column), rows.at(row).meaning);
            item->setTextAlignment(Qt::AlignCenter);
            if (m_analysis.strategies.at(column).kind == m_analysis.recommendation.strategy)
                item->setBackground(isDarkPalette(palette()) ? QColor(0x1f, 0x3d, 0x28) : QColor(0xe6, 0xf2, 0xe6));
            m_comparison->setItem(row, column, item);
        }
    }
}

void AdvisorPage::showUsers()
{
    m_users->setRowCount(int(m_analysis.users.size()));
    for (int row = 0; row < m_analysis.users.size(); ++row) {
        const Advisor::UserExposure &user = m_analysis.users.at(row);
        m_users->setItem(row, 0, cell(user.user, user.known ? QString() : tr("Unknown to the workspace")));
        m_users->setItem(row, 2,
                         cell(CrossReferences::proxyCount(int(user.proxiesUsing.size())),
                              user.lockOutText + QLatin1Char('\n') + user.attributionText));
        m_users->setItem(
            row, 3,
            cell(user.projects.isEmpty() ? tr("nothing") : user.projects.join(QStringLiteral(", ")), user.leakText));
        m_users->setItem(row, 4, cell(user.sensitivities.join(QStringLiteral(", "))));
        QString live = tr("not checked");
        QString liveTip;
        for (const Advisor::LiveAccess &access : std::as_const(m_analysis.live)) {
            if (access.user == user.user) {
                live = liveText(access);
                liveTip = access.message;
            }
        }
        auto *liveItem = cell(live, liveTip);
        if (!liveTip.isEmpty())
            liveItem->setForeground(toneColour(live == tr("matches") ? Tone::Good : Tone::Bad, palette()));
        m_users->setItem(row, 1, liveItem);
    }
    m_users->resizeColumnsToContents();
}

void AdvisorPage::showProblems()
{
    m_problems->clear();
    for (const Advisor::Problem &problem : std::as_const(m_analysis.problems)) {
        auto *item =
            new QTreeWidgetItem(m_problems, {problem.code(), problem.message + QStringLiteral("\n→ ") + problem.fix});
        item->setToolTip(1, problem.fix);
        item->setForeground(0, toneColour(problem.breaksCalls() ? Tone::Bad : Tone::Warning, palette()));
        QString node;
        if (!problem.user.isEmpty())
            node = CredentialFlowScene::nodeId(QStringLiteral("user"), problem.user);
        else if (!problem.proxy.isEmpty())
            node = CredentialFlowScene::nodeId(QStringLiteral("proxy"), problem.proxy);
        else if (!problem.alias.isEmpty())
            node = CredentialFlowScene::nodeId(QStringLiteral("alias"), problem.alias);
        else
            node = CredentialFlowScene::nodeId(QStringLiteral("project"), problem.project);
        item->setData(0, Qt::UserRole, node);
    }
    for (const Advisor::LiveAccess &live : std::as_const(m_analysis.live)) {
        if (live.ok())
            continue;
        auto *item = new QTreeWidgetItem(m_problems, {QStringLiteral("live-") + live.code(), live.message});
        item->setForeground(0, QColor(0x8e, 0x24, 0xaa));
        item->setData(0, Qt::UserRole, CredentialFlowScene::nodeId(QStringLiteral("user"), live.user));
    }
    const int count = m_problems->topLevelItemCount();
    m_tabs->setTabText(2, count ? tr("Problems (%1)").arg(count) : tr("Problems"));
}

void AdvisorPage::nodeActivated(const QString &id)
{
    if (!id.startsWith(QLatin1String("user:")))
        return;
    const QString user = id.section(QLatin1Char(':'), 1, -1);
    const QSignalBlocker blocker(m_users);
    for (int row = 0; row < m_users->rowCount(); ++row) {
        if (m_users->item(row, 0)->text() == user)
            m_users->selectRow(row);
    }
}

void AdvisorPage::applyChosenStrategy()
{
    m_strategy->setProperty("chosenByUser", true);
    Advisor::Options options;
    options.rotationIntervalDays = m_rotation->value();
    const Kind kind = Kind(m_strategy->currentData().toInt());
    auto *dialog = new ApplyStrategyDialog(m_document.workspace(), kind, options, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, kind] {
        const Advisor::StrategyChange &change = dialog->change();
        if (!change.changed)
            return;
        Advisor::StrategyOption option;
        option.kind = kind;
        m_document.undoStack()->push(new ReplaceWorkspaceCommand(
            m_document, change.workspace, tr("Apply credential strategy: %1").arg(option.title().toLower())));
        m_status->setText(change.secretsToSet.isEmpty()
                              ? tr("Applied to the workspace. Next: the .io steps of the checklist, then Plan & apply.")
                              : tr("Applied to the workspace. Store the passwords of %1 on the Secrets page, do the "
                                   ".io steps, then Plan & apply.")
                                    .arg(change.secretsToSet.join(QStringLiteral(", "))));
    });
    dialog->open();
}

void AdvisorPage::checkLive()
{
    const Environment *environment = m_document.currentEnvironmentData();
    if (!environment) {
        m_status->setText(tr("Choose an environment first: the live check signs in to its .io tenant."));
        return;
    }
    m_check = std::make_unique<AccessCheck>(m_services.network, m_services.secretProvider, *environment,
                                            m_document.workspace());
    m_liveButton->setEnabled(false);
    m_status->setText(tr("Signing in to %1 as %n technical user(s)…", nullptr, int(m_analysis.users.size()))
                          .arg(environment->ioTenantUrl));
    connect(m_check.get(), &AccessCheck::finished, this, [this](const QList<Advisor::LiveAccess> &results) {
        m_live = results;
        m_liveButton->setEnabled(true);
        int failed = 0;
        for (const Advisor::LiveAccess &live : results)
            failed += live.ok() ? 0 : 1;
        m_status->setText(failed ? tr("Live check: %1 of %2 users do not match; see Technical users and Problems.")
                                       .arg(failed)
                                       .arg(results.size())
                                 : tr("Live check: every technical user reaches exactly what its proxies need."));
        refresh();
        m_tabs->setCurrentWidget(m_users);
        Q_EMIT liveCheckFinished();
    });
    m_check->start(m_analysis.users);
}

bool AdvisorPage::exportDiagram(const QString &path, QString *error)
{
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive))
        return m_view->exportSvg(path, error);
    return m_view->exportPng(path, error);
}

void AdvisorPage::exportWithDialog()
{
    QString filter;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export credential flow"), QStringLiteral("credential-flow.svg"),
                                     tr("SVG image (*.svg);;PNG image (*.png)"), &filter);
    if (path.isEmpty())
        return;
    QString error;
    if (!exportDiagram(path, &error))
        QMessageBox::warning(this, tr("Export credential flow"), error);
    else
        m_status->setText(tr("Diagram saved to %1.").arg(path));
}

} // namespace gw
