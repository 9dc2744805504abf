// A connection handler: read a request, think, write the reply. As a thread it would need its
// own stack; as a future it needs only its state machine.

async fn handle_connection(id: u64) {
    let request = async_read_file("request.txt").await;
    sleep(10ms).await;
    async_write_file("reply.txt", request).await;
    println!("connection {} served", id);
}
