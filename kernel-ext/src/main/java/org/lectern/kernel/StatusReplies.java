package org.lectern.kernel;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * Replies that carry the {@code status: "ok"} the messaging spec requires; jjava-jupyter 1.0-a6 omits it from
 * kernel_info and history replies, and strict clients (jupyter_kernel_test) reject them.
 */
final class StatusReplies {
    private StatusReplies() {}

    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // serialised by Gson
        private final String status = "ok";

        KernelInfo(String protocol, String name, String version, LanguageInfo language, String banner, List<HelpLink> links) {
            super(protocol, name, version, language, banner, links);
        }
    }

    /** history_reply with entries as the spec's tuples: (session, line, input) or (session, line, (input, output)). */
    static final class History implements ContentType<History>, ReplyType<HistoryRequest> {
        @SuppressWarnings("unused") // serialised by Gson
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final List<List<Object>> history = new ArrayList<>();

        History(List<HistoryEntry> entries, boolean withOutput) {
            for (HistoryEntry e : entries) {
                Object input = withOutput ? List.of(e.getInput(), e.getOutput() == null ? "" : e.getOutput()) : e.getInput();
                history.add(List.of(e.getSession(), e.getCellNumber(), input));
            }
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"}) // same wire type as jjava's HistoryReply
        public MessageType<History> getType() {
            return (MessageType) HistoryReply.MESSAGE_TYPE;
        }

        @Override
        public MessageType<HistoryRequest> getRequestType() {
            return HistoryReply.REQUEST_MESSAGE_TYPE;
        }
    }
}
