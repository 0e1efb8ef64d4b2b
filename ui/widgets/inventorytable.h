// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QModelIndex>
#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace gw {

class InventoryFilterModel;

/// One inventory table: a filter box, add/edit/delete buttons, a sortable view of `source`
/// through an InventoryFilterModel, and a row count. Speaks in indexes of the source model.
/// Child object names are `<name>Filter`, `<name>Table`, `<name>Add`, `<name>Edit`, `<name>Delete`.
class InventoryTable : public QWidget
{
    Q_OBJECT
public:
    /// `name` is the object-name stem ("proxies"); `noun` the plural shown to people ("proxies").
    InventoryTable(QAbstractItemModel *source, const QString &name, const QString &noun, QWidget *parent = nullptr);

    QModelIndex currentSourceIndex() const;
    void selectSourceIndex(const QModelIndex &sourceIndex);
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    InventoryFilterModel *filterModel() const { return m_filterModel; }

Q_SIGNALS:
    void currentChanged(const QModelIndex &sourceIndex);
    void addRequested();
    void editRequested(const QModelIndex &sourceIndex);
    void deleteRequested(const QModelIndex &sourceIndex);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateCount();
    void updateButtons();
    /// Columns at their contents' width when they fit; otherwise the widest ones narrowed (elided, the tooltip
    /// has the whole text) so that every column stays in view. Stops once the user resizes a column.
    void fitColumns();

    QAbstractItemModel *m_source;
    QString m_noun;
    InventoryFilterModel *m_filterModel;
    QLineEdit *m_filter;
    QTableView *m_view;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QLabel *m_count;
    bool m_sized = false;
    bool m_autoFit = true;
    bool m_fitting = false;
    QList<int> m_contentWidths;
};

} // namespace gw
