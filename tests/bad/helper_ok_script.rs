// A valid script shared by the scenario cases (a helper: not itself a case).
async fn main() {
    let text = async_read_file("foo.txt").await;
    println!("{}", text);
}
