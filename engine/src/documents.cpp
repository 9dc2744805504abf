#include "awaitscope/documents.h"

#include <algorithm>
#include <array>
#include <vector>

namespace aws {
namespace {

// The order is the course's: the blog post (draft, translation, the published text's
// implementation part), the talk and the texts it follows, then the lecture slides.
constexpr std::array<DocumentInfo, 7> kDocuments = {{
    {"D1", "Async/Await (blog_os, post 12)", "Async/Await (post 12 of \"Writing an OS in Rust\"), early 2020 draft",
     "Philipp Oppermann",
     "the blog's repository, github.com/phil-opp/blog_os, file "
     "blog/content/second-edition/posts/12-async-await/index.md at commit fb0f30b9 (2020-03-09); the "
     "finished post is at os.phil-opp.com/async-await/",
     "English draft: multitasking, futures, combinators, the state-machine transformation, pinning, "
     "executors and wakers; it stops where the implementation would begin, and two of its addresses "
     "and its list of solutions were corrected later"},
    {"D2", "Async/Await (blog_os, post 12)", "Chinese translation of the published \"Async/Await\" post",
     "translated by Praying (original: Philipp Oppermann)", "Zhihu, zhuanlan.zhihu.com/p/348648305",
     "follows the published text: corrected addresses, three ways out of self-references (adds stored "
     "offsets) and a closing section on futures as cooperative tasks; it also stops before "
     "the implementation"},
    {"R1", "Async/Await (blog_os, post 12, as published)", "Async/Await (post 12 of \"Writing an OS in Rust\")",
     "Philipp Oppermann",
     "os.phil-opp.com/async-await/, section Implementation; its code is branch post-12 of "
     "github.com/phil-opp/blog_os",
     "the published post; only it has the Implementation section (simple executor, dummy waker, keyboard "
     "task, executor with waker support, sleep_if_idle), which neither D1 nor D2 contains"},
    {"D3", "The Talk You've Been Await-ing for (Steve Klabnik, QCon 2019)", "The Talk You've Been Await-ing for",
     "Steve Klabnik", "InfoQ, Presentations: video and transcript of the QCon talk (recorded Dec 09, 2019)",
     "a talk, transcript only (no code): the four rules, a timer future, generators as stackless "
     "coroutines and their size, tasks, executors and reactors, Pin"},
    {"R2", "Asynchronous Programming in Rust (the async book)", "Asynchronous Programming in Rust (the async book)",
     "the Rust async working group", "rust-lang.github.io/async-book, chapters \"Build a Timer\" and \"Build an "
     "Executor\"",
     "the timer future and the channel executor the talk walks through, as code"},
    {"R3", "Async in depth (Tokio tutorial)", "Async in depth", "the Tokio project",
     "tokio.rs/tokio/tutorial/async (section Mini Tokio; code: tutorial-code/mini-tokio in "
     "github.com/tokio-rs/website)",
     "the Tokio tutorial's chapter that builds a small runtime, mini-tokio"},
    {"D4", "Asynchronous Programming in Rust (CS3211 lecture slides)", "Asynchronous Programming in Rust",
     "the lecturers of CS3211 Parallel and Concurrent Programming",
     "the course's slides (they name Stanford's CS110L, lectures 18 and 19, and Katharina Fey's 2018 talk "
     "as their references)",
     "lecture slides: threads against non-blocking I/O, epoll, futures and executors, combinators against "
     "async/await, the addToInbox state enum, why futures must not block"},
}};

}  // namespace

std::span<const DocumentInfo> Documents() { return kDocuments; }

const DocumentInfo* FindDocument(std::string_view tag) {
  for (const DocumentInfo& d : kDocuments)
    if (d.tag == tag) return &d;
  return nullptr;
}

std::string DocumentTagList() {
  // Numbered order (D1..D4, then R1..R3) reads better in a message than course order.
  std::vector<std::string_view> tags;
  for (const DocumentInfo& d : kDocuments) tags.push_back(d.tag);
  std::sort(tags.begin(), tags.end());
  std::string out;
  for (size_t i = 0; i < tags.size(); ++i) {
    if (i > 0) out += i + 1 == tags.size() ? " or " : ", ";
    out += tags[i];
  }
  return out;
}

std::string DescribeSource(std::string_view source) {
  std::string out;
  size_t start = 0;
  while (start <= source.size()) {
    size_t slash = source.find('/', start);
    std::string_view tag = source.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (const DocumentInfo* d = FindDocument(tag)) {
      if (!out.empty()) out += '\n';
      out += std::string(d->tag) + ": " + std::string(d->title) + " (" + std::string(d->author) + "), " +
             std::string(d->where);
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

}  // namespace aws
