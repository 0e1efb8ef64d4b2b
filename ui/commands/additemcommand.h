// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "itemtraits.h"
#include "workspacedocument.h"

#include <QUndoCommand>

namespace gw {

/// Adds one item (proxy, project, technical user or alias) at `row` of its list.
template<typename T> class AddItemCommand : public QUndoCommand
{
public:
    AddItemCommand(WorkspaceDocument &document, qsizetype row, const T &item, QUndoCommand *parent = nullptr)
        : QUndoCommand(QCoreApplication::translate("gw::AddItemCommand", "Add %1").arg(ItemTraits<T>::describe(item)),
                       parent)
        , m_document(document)
        , m_row(row)
        , m_item(item)
    {}

    void redo() override { m_document.insertItem<T>(m_row, m_item); }
    void undo() override { m_document.removeItem<T>(m_row); }

private:
    WorkspaceDocument &m_document;
    qsizetype m_row;
    T m_item;
};

} // namespace gw
