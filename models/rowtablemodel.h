// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

#include <algorithm>

namespace gw {

/// Roles shared by the inventory table models.
enum TableRole {
    SortRole = Qt::UserRole, ///< what a QSortFilterProxyModel sorts by (numbers for count columns)
    ProblemRole,             ///< non-empty: what is wrong with the row, in words (e.g. ".io will answer 401")
    KeyRole,                 ///< the row's identity (name, or "name version" for proxies)
};

/// The shared body of the inventory models: one precomputed row per item, so that data() is a
/// lookup, and a refresh that merges by key (ranged removes, inserts and dataChanged) instead of
/// resetting, so that selections and the scroll position survive an edit elsewhere.
/// `T` is the workspace item type; subclasses fill the rows and the header.
template<typename T> class RowTableModel : public QAbstractTableModel
{
public:
    struct Row
    {
        QString key;
        T item;
        QStringList cells;          ///< display text per column
        QList<QVariant> sortValues; ///< per column; an invalid QVariant sorts by the text
        QString problem;
        friend bool operator==(const Row &, const Row &) = default;
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Row &row = m_rows.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            return row.cells.value(index.column());
        case Qt::ToolTipRole:
            return row.problem.isEmpty() ? row.cells.value(index.column()) : row.problem;
        case SortRole: {
            const QVariant value = row.sortValues.value(index.column());
            return value.isValid() ? value : QVariant(row.cells.value(index.column()));
        }
        case ProblemRole:
            return row.problem;
        case KeyRole:
            return row.key;
        default:
            return {};
        }
    }

    /// The item shown at `index` (of this model), or nullptr.
    const T *itemAt(const QModelIndex &index) const
    {
        if (!index.isValid() || index.model() != this || index.row() >= m_rows.size())
            return nullptr;
        return &m_rows.at(index.row()).item;
    }

    /// The first column's index of the row with this key, or an invalid index.
    QModelIndex indexOfKey(const QString &key) const
    {
        const qsizetype row = m_rowOfKey.value(key, -1);
        return row < 0 ? QModelIndex() : index(int(row), 0);
    }

protected:
    /// Makes the model show `rows`, in that order, with the fewest signals: rows whose key
    /// disappeared are removed, new ones inserted where they belong, changed ones reported by
    /// ranged dataChanged; persistent indexes follow their key.
    void mergeRows(QList<Row> rows)
    {
        QHash<QString, qsizetype> newRowOfKey;
        newRowOfKey.reserve(rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            // Keys are unique in a valid workspace; keep a broken one displayable all the same.
            QString key = rows.at(i).key;
            for (int n = 2; newRowOfKey.contains(key); ++n)
                key = rows.at(i).key + u'\x1f' + QString::number(n);
            rows[i].key = key;
            newRowOfKey.insert(key, i);
        }

        // 1. Remove the rows that are gone, contiguous runs at a time, from the end.
        for (qsizetype i = m_rows.size() - 1; i >= 0;) {
            if (newRowOfKey.contains(m_rows.at(i).key)) {
                --i;
                continue;
            }
            const qsizetype last = i;
            while (i >= 0 && !newRowOfKey.contains(m_rows.at(i).key))
                --i;
            beginRemoveRows(QModelIndex(), int(i + 1), int(last));
            m_rows.remove(i + 1, last - i);
            endRemoveRows();
        }

        // 2. Put the survivors in their new relative order (rare: the workspace was reordered).
        const bool ordered = std::is_sorted(m_rows.cbegin(), m_rows.cend(), [&](const Row &a, const Row &b) {
            return newRowOfKey.value(a.key) < newRowOfKey.value(b.key);
        });
        if (!ordered)
            reorderSurvivors(newRowOfKey);

        // 3. Walk the new list: insert what is new, update what changed.
        qsizetype pos = 0;
        qsizetype changedFrom = -1;
        auto flushChanged = [&](qsizetype end) {
            if (changedFrom >= 0)
                Q_EMIT dataChanged(index(int(changedFrom), 0), index(int(end - 1), columnCount() - 1));
            changedFrom = -1;
        };
        for (qsizetype i = 0; i < rows.size();) {
            if (pos < m_rows.size() && m_rows.at(pos).key == rows.at(i).key) {
                if (!(m_rows.at(pos) == rows.at(i))) {
                    m_rows[pos] = std::move(rows[i]);
                    if (changedFrom < 0)
                        changedFrom = pos;
                } else {
                    flushChanged(pos);
                }
                ++pos;
                ++i;
                continue;
            }
            flushChanged(pos);
            const qsizetype start = i;
            while (i < rows.size() && !(pos < m_rows.size() && m_rows.at(pos).key == rows.at(i).key))
                ++i;
            beginInsertRows(QModelIndex(), int(pos), int(pos + (i - start) - 1));
            m_rows.insert(pos, i - start, Row());
            std::move(rows.begin() + start, rows.begin() + i, m_rows.begin() + pos);
            endInsertRows();
            pos += i - start;
        }
        flushChanged(pos);

        m_rowOfKey = std::move(newRowOfKey);
    }

    const QList<Row> &rows() const { return m_rows; }

private:
    void reorderSurvivors(const QHash<QString, qsizetype> &newRowOfKey)
    {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        QHash<QString, qsizetype> oldRowOfKey;
        for (qsizetype i = 0; i < m_rows.size(); ++i)
            oldRowOfKey.insert(m_rows.at(i).key, i);
        std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row &a, const Row &b) {
            return newRowOfKey.value(a.key) < newRowOfKey.value(b.key);
        });
        QHash<qsizetype, qsizetype> rowMove;
        for (qsizetype i = 0; i < m_rows.size(); ++i)
            rowMove.insert(oldRowOfKey.value(m_rows.at(i).key), i);
        const QModelIndexList from = persistentIndexList();
        QModelIndexList to;
        to.reserve(from.size());
        for (const QModelIndex &index : from)
            to << this->index(int(rowMove.value(index.row(), index.row())), index.column());
        changePersistentIndexList(from, to);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }

    QList<Row> m_rows;
    QHash<QString, qsizetype> m_rowOfKey;
};

} // namespace gw
