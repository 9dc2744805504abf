// A toy server: one task per request, all spawned at once. Every request reads a page from the
// disk, so they all spend their time waiting, and the waiting overlaps.

async fn handle_request(id: i32) {
    let page = async_read_file("foo.txt").await; // @state WaitingOnPage
    println!("request {}: sent {} bytes", id, page.len());
}

async fn main() {
    for id in 0..20 {
        spawn(handle_request(id));
    }
}
