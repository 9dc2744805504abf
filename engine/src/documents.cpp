#include "awaitscope/documents.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>
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

// The short names in Chinese (DocumentNameIn): the gallery's group headings in a Chinese window.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kNamesZh = {{
    {"Async/Await (blog_os, post 12)", "Async/Await（blog_os 第 12 篇）"},
    {"Async/Await (blog_os, post 12, as published)", "Async/Await（blog_os 第 12 篇，正式发布版）"},
    {"The Talk You've Been Await-ing for (Steve Klabnik, QCon 2019)",
     "The Talk You've Been Await-ing for（Steve Klabnik 的 QCon 2019 演讲）"},
    {"Asynchronous Programming in Rust (the async book)", "Asynchronous Programming in Rust（async book）"},
    {"Async in depth (Tokio tutorial)", "Async in depth（Tokio 教程）"},
    {"Asynchronous Programming in Rust (CS3211 lecture slides)", "Asynchronous Programming in Rust（CS3211 课程讲义）"},
}};

// The published post's headings (D1's, where D1 has them) and D2's, as D2 writes them
// (scenarios/DOCUMENTS.md, "D2's headings").
constexpr std::array<std::pair<std::string_view, std::string_view>, 25> kD2Headings = {{
    {"Multitasking", "多任务"},
    {"Preemptive Multitasking", "抢占式多任务"},
    {"Cooperative Multitasking", "协作式多任务"},
    {"Saving State", "保存状态"},
    {"Discussion", "讨论"},
    {"Working with Futures", "使用 Future"},
    {"Waiting on Futures", "等待 Future"},
    {"Future Combinators", "Future组合器"},
    {"Advantages", "优势"},
    {"Drawbacks", "缺点"},
    {"The Async/Await Pattern", "Async/Await 模式"},
    {"State Machine Transformation", "状态机转换"},
    {"The Full State Machine Type", "完整的状态机类型"},
    {"Pinning", "Pin"},
    {"Self-Referential Structs", "自引用结构体"},
    {"The Problem with Self-Referential Structs", "自引用结构体的问题"},
    {"Possible Solutions", "可能的解决方案"},
    {"Heap Values", "堆上的值"},
    {"Pin<Box<T>> and Unpin", "Pin<Box<T>> and Unpin"},
    {"Stack Pinning and Pin<&mut T>", "栈 Pinning 和 Pin<&mut T>"},
    {"Pinning and Futures", "Pinning 和 Futures"},
    {"Executors and Wakers", "Executors and Wakers"},
    {"Executors", "Executors"},
    {"Wakers", "Waker"},
    {"Cooperative Multitasking?", "协作式多任务？"},
}};

std::vector<std::string_view> SplitTopLevel(std::string_view s) {
  std::vector<std::string_view> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && depth > 0) --depth;
    if (depth == 0 && s.substr(i, 2) == "; ") {
      out.push_back(s.substr(start, i - start));
      start = i + 2;
      ++i;
    }
  }
  out.push_back(s.substr(start));
  return out;
}

// "D1/D2" -> true when any tag is a known document tag (the whole text is a tag list).
bool IsTagList(std::string_view s) {
  if (s.empty()) return false;
  size_t start = 0;
  for (;;) {
    size_t slash = s.find('/', start);
    if (FindDocument(s.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start)) ==
        nullptr)
      return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

bool NamesD1OrD2(std::string_view tags) {
  size_t start = 0;
  for (;;) {
    size_t slash = tags.find('/', start);
    std::string_view tag = tags.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (tag == "D1" || tag == "D2") return true;
    if (slash == std::string_view::npos) return false;
    start = slash + 1;
  }
}

std::string D2Heading(std::string_view heading, bool& complete) {
  for (const auto& [en, zh] : kD2Headings)
    if (en == heading) return std::string(zh);
  complete = false;
  return std::string(heading);
}

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

std::string DocumentNameIn(std::string_view name, std::string_view lang) {
  if (lang == "zh")
    for (const auto& [en, zh] : kNamesZh)
      if (en == name) return std::string(zh);
  return std::string(name);
}

std::string TranslateSection(std::string_view source, std::string_view section, std::string_view lang,
                             bool* complete) {
  bool all = true;
  std::string out;
  if (lang != "zh") {
    out = section;
  } else {
    std::string_view tags = source;
    for (std::string_view part : SplitTopLevel(section)) {
      if (!out.empty()) out += "; ";
      const size_t colon = part.find(": ");
      if (colon != std::string_view::npos && IsTagList(part.substr(0, colon))) {
        tags = part.substr(0, colon);
        out += std::string(part.substr(0, colon + 2));
        part.remove_prefix(colon + 2);
      }
      if (!NamesD1OrD2(tags)) {
        out += part;
        continue;
      }
      const size_t paren = part.find(" (");
      if (paren == std::string_view::npos || part.back() != ')') {
        out += D2Heading(part, all);
        continue;
      }
      out += D2Heading(part.substr(0, paren), all) + " (";
      std::string_view inner = part.substr(paren + 2, part.size() - paren - 3);
      const std::string_view sep = inner.find("; ") != std::string_view::npos ? "; " : ", ";
      for (size_t start = 0, n = 0;; ++n) {
        const size_t end = inner.find(sep, start);
        if (n > 0) out += sep == "; " ? "; " : ", ";
        out += D2Heading(inner.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start), all);
        if (end == std::string_view::npos) break;
        start = end + sep.size();
      }
      out += ')';
    }
  }
  if (complete != nullptr) *complete = all;
  return out;
}

}  // namespace aws
