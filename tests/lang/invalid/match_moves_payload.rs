// A match arm binding by value moves the payload out of the scrutinee.
async fn main() {
    let res: Result<String, String> = Ok(String::from("done"));
    match res {
        Ok(text) => println!("{}", text),
        Err(e) => println!("{}", e),
    }
    println!("{}", res.is_ok());
}
