// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaceworkspacecommand.h"

#include "workspacedocument.h"

namespace gw {

ReplaceWorkspaceCommand::ReplaceWorkspaceCommand(WorkspaceDocument &document, const Workspace &after,
                                                 const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_before(document.workspace())
    , m_after(after)
{}

void ReplaceWorkspaceCommand::redo()
{
    m_document.replaceWorkspace(m_after);
}

void ReplaceWorkspaceCommand::undo()
{
    m_document.replaceWorkspace(m_before);
}

} // namespace gw
