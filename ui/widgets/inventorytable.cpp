// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventorytable.h"

#include "inventoryfiltermodel.h"

#include <QAction>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace gw {

InventoryTable::InventoryTable(QAbstractItemModel *source, const QString &name, const QString &noun, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
    , m_noun(noun)
    , m_filterModel(new InventoryFilterModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_add(new QPushButton(tr("Add…"), this))
    , m_edit(new QPushButton(tr("Edit…"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
    , m_count(new QLabel(this))
{
    setObjectName(name);
    m_filter->setObjectName(name + u"Filter"_s);
    m_view->setObjectName(name + u"Table"_s);
    m_add->setObjectName(name + u"Add"_s);
    m_edit->setObjectName(name + u"Edit"_s);
    m_delete->setObjectName(name + u"Delete"_s);
    m_count->setObjectName(name + u"Count"_s);

    m_filterModel->setSourceModel(source);
    m_filter->setPlaceholderText(tr("Filter %1 (any column)").arg(noun));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_filterModel, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setModel(m_filterModel);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // workspace order until a header is clicked
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    // Fixed row heights and a bounded size-to-contents keep 10,000-row tables smooth.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setResizeContentsPrecision(200);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->viewport()->installEventFilter(this);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, this, [this] {
        // A drag on the header is the user's: their widths win from now on (the stretched last column and our own
        // fitting resize sections too, without a button held).
        if (!m_fitting && QGuiApplication::mouseButtons() != Qt::NoButton)
            m_autoFit = false;
    });

    auto *deleteAction = new QAction(tr("Delete"), m_view);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(deleteAction);
    connect(deleteAction, &QAction::triggered, m_delete, &QPushButton::click);
    m_edit->setToolTip(tr("Edit the selected row (or double-click it)"));
    m_delete->setToolTip(tr("Delete the selected row; you are told first what it breaks"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_add);
    bar->addWidget(m_edit);
    bar->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);

    connect(m_add, &QPushButton::clicked, this, &InventoryTable::addRequested);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (const QModelIndex index = currentSourceIndex(); index.isValid())
            Q_EMIT editRequested(index);
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (const QModelIndex index = currentSourceIndex(); index.isValid())
            Q_EMIT deleteRequested(index);
    });
    connect(m_view, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { Q_EMIT editRequested(m_filterModel->mapToSource(index)); });
    // A mouse click moves the current index before it selects: follow both.
    const auto selectionMoved = [this] {
        updateButtons();
        Q_EMIT currentChanged(currentSourceIndex());
    };
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, selectionMoved);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, selectionMoved);
    // The filter model removes its rows while the source still holds them (on rowsAboutToBeRemoved): count again
    // once the source is done too, or the footer keeps "0 of 6" after the last rows went.
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_filterModel, signal, this, &InventoryTable::updateCount);
        connect(m_source, signal, this, &InventoryTable::updateCount);
    }
    connect(m_filterModel, &QAbstractItemModel::modelReset, this, &InventoryTable::updateCount);
    connect(m_filterModel, &QAbstractItemModel::layoutChanged, this, &InventoryTable::updateCount);
    updateCount();
    updateButtons();
}

QModelIndex InventoryTable::currentSourceIndex() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isRowSelected(current.row(), QModelIndex()))
        return {};
    return m_filterModel->mapToSource(current.siblingAtColumn(0));
}

void InventoryTable::selectSourceIndex(const QModelIndex &sourceIndex)
{
    QModelIndex index = m_filterModel->mapFromSource(sourceIndex);
    if (!index.isValid() && sourceIndex.isValid()) {
        // Hidden by the filter: clear it so that the row can be shown.
        m_filter->clear();
        index = m_filterModel->mapFromSource(sourceIndex);
    }
    if (!index.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void InventoryTable::updateCount()
{
    const int shown = m_filterModel->rowCount();
    const int total = m_source->rowCount();
    m_count->setText(shown == total ? tr("%1 %2").arg(total).arg(m_noun)
                                    : tr("%1 of %2 %3 match the filter").arg(shown).arg(total).arg(m_noun));
    if (!m_sized && total > 0) {
        m_sized = true;
        m_fitting = true;
        m_view->resizeColumnsToContents();
        m_fitting = false;
        m_contentWidths.clear();
        for (int column = 0; column < m_view->horizontalHeader()->count(); ++column)
            m_contentWidths << m_view->columnWidth(column);
        fitColumns();
    }
    updateButtons();
}

bool InventoryTable::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

void InventoryTable::fitColumns()
{
    if (!m_autoFit || m_contentWidths.isEmpty())
        return;
    const int available = m_view->viewport()->width();
    const int minimum = m_view->fontMetrics().horizontalAdvance(u"Wwwwww…"_s);
    // The largest cap on column widths that still fits: the narrow columns keep their width, the wide share the rest.
    QList<int> widths = m_contentWidths;
    std::sort(widths.begin(), widths.end());
    int cap = widths.isEmpty() ? 0 : widths.last();
    int narrow = 0;
    for (qsizetype i = 0; i < widths.size(); ++i) {
        const qsizetype wide = widths.size() - i;
        if (narrow + widths.at(i) * wide >= available) {
            cap = std::max(minimum, int((available - narrow) / wide));
            break;
        }
        narrow += widths.at(i);
    }
    m_fitting = true;
    for (qsizetype column = 0; column < m_contentWidths.size(); ++column)
        m_view->setColumnWidth(int(column), std::min(m_contentWidths.at(column), cap));
    m_fitting = false;
}

void InventoryTable::updateButtons()
{
    const bool selected = currentSourceIndex().isValid();
    m_edit->setEnabled(selected);
    m_delete->setEnabled(selected);
}

} // namespace gw
